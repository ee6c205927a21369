package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends the run with exit code 2 before anything (server, workers, Gatling) starts. */
class LoadRunnerTest {

  @Test
  void aBadSpecExitsTwoNamingTheFieldAndStartsNothing(@TempDir Path runs) {
    String output = run("src/test/resources/specs/bad.yaml", runs, 2);
    assertThat(output).contains("thresholds[2].metric: unknown metric \"pol_p95\"; known: poll_p95_ms, ");
    assertThat(runs).isEmptyDirectory();
  }

  @Test
  void anUnknownScenarioListsTheAvailableOnes(@TempDir Path runs) {
    String output = run("worker-load-1280", runs, 2);
    assertThat(output).contains("unknown scenario \"worker-load-1280\"; available: smoke, worker-load-128, "
        + "sticky-pressure, burst, soak, worker-restart, scaling, concurrency-sweep");
  }

  @Test
  void anUnknownServerKindExitsTwo(@TempDir Path runs) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome outcome = new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new RunOptions("smoke", Optional.of("mainframe"), Optional.empty(), runs, Duration.ofSeconds(2)));
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Unknown Temporal server kind 'mainframe'");
    try (var files = Files.list(runs)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  private static String run(String scenario, Path runs, int expectedExit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome outcome = new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new RunOptions(scenario, Optional.empty(), Optional.empty(), runs, Duration.ofSeconds(2)));
    assertThat(outcome.exitCode()).isEqualTo(expectedExit);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
