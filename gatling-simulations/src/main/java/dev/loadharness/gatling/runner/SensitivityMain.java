package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.Regressions;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/sensitivity [scenario] --server kind --runs N}: the gate's detection and false-alarm rates
 * on this machine. Every round runs the scenario unchanged and once per injected regression, against one
 * server, the order rotated each round so that drift in the machine's load falls on every case alike; each
 * run is judged exactly as {@code scripts/load} judges it (spec floors, the committed calibration, built-in
 * checks). Writes {@code sensitivity.tsv} (one row per run) and {@code sensitivity.md} (the table) and
 * prints the table. Exit 0 when every rate meets the bar ({@link SensitivityTable#BAR}), 1 when one
 * does not, 2 when a run could not be judged (an environment failure) or on bad input.
 */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
    description = "Detection rate of each injected regression and false-alarm rate of unchanged runs, interleaved.")
public final class SensitivityMain implements Callable<Integer> {
  /** The cases of a round: unchanged first in round one, then each injected regression. */
  static final List<String> CASES = List.of("none", "activity_slowdown=2.0", "workflow_task_delay_ms=50",
      "sticky_cache_size=1", "lose_workflows=1");

  @Parameters(index = "0", defaultValue = "worker-load-128", description = "scenario; default ${DEFAULT-VALUE}")
  String scenario;
  @Option(names = "--server", defaultValue = "dev-server", description = "server kind; default ${DEFAULT-VALUE}")
  String server;
  @Option(names = "--runs", defaultValue = "20", description = "runs per case; default ${DEFAULT-VALUE}") int runs;
  @Option(names = "--out", defaultValue = "runs/sensitivity", description = "output directory") Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SensitivityMain()).execute(args));
  }

  @Override
  public Integer call() {
    if (runs < 1 || runs > 200) {
      System.out.println("--runs: " + runs + " is not allowed; 1 to 200 (20 or more for a rate worth quoting)");
      return 2;
    }
    Signals.install(System.out);
    ScenarioSpec spec;
    try {
      spec = LoadRunner.loadSpec(RunOptions.of(scenario));
    } catch (SpecException e) {
      System.out.println(e.getMessage());
      return 2;
    }
    SensitivityTable table = new SensitivityTable(spec.name());
    try (ServerEnvironment env = LoadRunner.openShared(spec, scenario, server, out.resolve("server"))) {
      table.server(env.kind().id());
      for (int round = 1; round <= runs && Signals.received().isEmpty(); round++) {
        for (String c : rotated(round)) {
          if (Signals.received().isPresent()) {
            break;
          }
          ScenarioSpec runSpec = c.equals("none") ? spec : spec.withRegressions(Regressions.parse(knob(c)));
          RunOutcome o = new LoadRun(System.out).execute(
              RunPlan.create(runSpec, out.resolve("runs"), "sens-" + round + "-" + label(c), Duration.ofSeconds(5)), env);
          List<String> failed = o.record() == null ? List.of()
              : o.record().thresholds().stream().filter(t -> !t.pass()).map(Threshold::name).toList();
          table.add(new SensitivityTable.Row(round, c, o.exitCode(), failed));
          System.out.printf("=== round %d/%d %s: exit %d%s%n", round, runs, c, o.exitCode(),
              failed.isEmpty() ? "" : " (failed: " + String.join("; ", failed) + ")");
          write(table);
        }
      }
    } catch (Exception e) {
      System.out.println("ERROR: " + e.getMessage());
      write(table);
      return 2;
    }
    if (Signals.received().isPresent()) {
      return Signals.received().get().exitCode();
    }
    System.out.println(table.markdown());
    return table.anyErrors() ? 2 : table.meetsBar() ? 0 : 1;
  }

  /** The cases in round {@code round}'s order: rotated by one each round. */
  static List<String> rotated(int round) {
    List<String> order = new ArrayList<>(CASES);
    java.util.Collections.rotate(order, -((round - 1) % CASES.size()));
    return order;
  }

  private static Map<String, String> knob(String c) {
    String[] kv = c.split("=", 2);
    return Map.of(kv[0], kv[1]);
  }

  private static String label(String c) {
    return c.equals("none") ? "clean" : c.substring(0, c.indexOf('=')).replace('_', '-');
  }

  private void write(SensitivityTable table) {
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("sensitivity.tsv"), table.tsv());
      Files.writeString(out.resolve("sensitivity.md"), table.markdown());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
