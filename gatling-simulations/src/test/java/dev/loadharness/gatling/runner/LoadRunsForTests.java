package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs a scenario the way scripts/load does, echoing the runner's output to the test's stdout. */
final class LoadRunsForTests {
  private LoadRunsForTests() {}

  static RunOutcome run(String scenario, Path runs) {
    return new LoadRunner(System.out).run(
        new RunOptions(scenario, Optional.empty(), Optional.empty(), runs, Duration.ofSeconds(2)));
  }

  /** Runs and captures the runner's output too. */
  static Captured capture(String scenario, Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunOutcome outcome = new LoadRunner(out).run(
        new RunOptions(scenario, Optional.empty(), Optional.empty(), runs, Duration.ofSeconds(2)));
    String text = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    return new Captured(outcome, text);
  }

  record Captured(RunOutcome outcome, String output) {}
}
