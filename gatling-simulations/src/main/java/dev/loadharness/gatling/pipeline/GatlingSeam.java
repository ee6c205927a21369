package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.simulation.TemporalLoadSimulation;
import io.gatling.app.Gatling$;
import java.nio.file.Path;

/**
 * The one place the pipeline hands over to Gatling. Gatling instantiates the simulation class itself, by
 * name, so the simulation cannot be given its driver through a constructor: the driver is installed in
 * {@link LoadDriver}'s holder for the duration of the call and removed after it. Gatling writes its own
 * report under {@code resultsDir}; the pipeline reads nothing back from it, only the driver's ledger.
 */
final class GatlingSeam {
  private GatlingSeam() {}

  /**
   * Runs {@link TemporalLoadSimulation} with {@code driver}; returns Gatling's exit status. Without
   * {@code reports} Gatling keeps its simulation log but renders no HTML report.
   */
  static int run(LoadDriver driver, Path resultsDir, String description, boolean reports) {
    LoadDriver.install(driver);
    try {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
          "-s", TemporalLoadSimulation.class.getName(), "-rf", resultsDir.toString(), "-rd", description));
      if (!reports) {
        args.add("-nr");
      }
      return Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
    } catch (RuntimeException | AssertionError e) {
      // Gatling asserts on its own log (e.g. "Run didn't last" when a run is stopped before any request).
      throw new IllegalStateException("Gatling crashed: " + e + (e.toString().contains("does not open java.lang")
          ? " (start the JVM with --add-opens=java.base/java.lang=ALL-UNNAMED, as scripts/load does)" : ""), e);
    } finally {
      LoadDriver.uninstall(driver);
    }
  }
}
