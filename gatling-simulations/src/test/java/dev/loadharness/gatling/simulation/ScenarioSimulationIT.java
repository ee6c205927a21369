package dev.loadharness.gatling.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScenarioSimulation} started the way {@code mvn gatling:test} starts it (Gatling's runner, by class
 * name, properties for the scenario and server), on the in-memory server: a bar Gatling asserts fails
 * Gatling's assertions (exit status 2, which the plugin turns into a failed build) with Gatling's report
 * and the run directory written; a bar only the judge checks fails the run from {@code after()}.
 */
class ScenarioSimulationIT {
  static final Path RUNS = Path.of("target", "it-runs", "gatling-way");
  private static final Map<String, String> PROPERTIES = Map.of("temporal.server", "in-memory",
      "load.runs", RUNS.toString());

  @AfterEach
  void clearProperties() {
    PROPERTIES.keySet().forEach(System::clearProperty);
    System.clearProperty("scenario");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void smokePassesGatlingsAssertionsAndTheJudge() throws IOException {
    Path results = freshDirectory();
    assertThat(runGatling("smoke", results)).isZero();
    assertThat(files(results, "index.html")).hasSize(1);
    RunRecord record = RunRecords.read(latestRun("smoke").resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.PASS);
    assertThat(record.load().completed()).isEqualTo(12);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aBreachedGatlingAssertionFailsWithGatlingsReportAndTheRunDirectory() throws IOException {
    Path results = freshDirectory();
    int status = runGatling("src/test/resources/specs/impossible-threshold.yaml", results);

    assertThat(status).as("Gatling's status for failed assertions").isEqualTo(2);
    assertThat(files(results, "index.html")).hasSize(1);
    RunRecord record = RunRecords.read(latestRun("impossible-threshold").resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(record.thresholds()).filteredOn(t -> !t.pass()).extracting(Threshold::name)
        .containsExactly("end_to_end_p95_ms < 0.001");
    assertThat(latestRun("impossible-threshold").resolve("summary.md")).exists();
    assertThat(latestRun("impossible-threshold").resolve("report.html")).exists();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aBreachOnlyTheJudgeSeesFailsTheRunFromAfter() throws IOException {
    assertThatThrownBy(() -> runGatling("src/test/resources/specs/impossible-duration.yaml",
        freshDirectory()))
        .hasStackTraceContaining("breached bars Gatling does not assert: FAIL duration_s < 0.001");
    RunRecord record = RunRecords.read(latestRun("impossible-duration").resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(record.load().completed()).isEqualTo(4);
  }

  private static int runGatling(String scenario, Path results) {
    PROPERTIES.forEach(System::setProperty);
    System.setProperty("scenario", scenario);
    return Gatling$.MODULE$.fromArgs(new String[] {
        "-s", ScenarioSimulation.class.getName(), "-rf", results.toString()});
  }

  /** Gatling's results of one run only, whatever earlier runs left under target. */
  private static Path freshDirectory() throws IOException {
    return Files.createTempDirectory(Files.createDirectories(RUNS), "gatling-");
  }

  private static Path latestRun(String scenario) throws IOException {
    try (Stream<Path> runs = Files.list(RUNS)) {
      return runs.filter(p -> p.getFileName().toString().endsWith("-" + scenario)).sorted()
          .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no run directory of " + scenario + " in " + RUNS));
    }
  }

  private static List<Path> files(Path dir, String name) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().equals(name)).toList();
    }
  }
}
