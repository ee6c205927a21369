package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scenario that needs a real server is skipped on the in-memory server, with the reason, before any worker starts. */
class SkipIT {

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void workerRestartIsSkippedOnInMemoryWithTheReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome outcome = new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(RunOptions.of("worker-restart").withOut(LoadSuiteIT.RUNS).withServer("in-memory"));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.message()).startsWith("SKIPPED: worker-restart needs a real server: in-memory");
    assertThat(output).doesNotContain("starting ").contains("SKIPPED");
    assertThat(outcome.runDirectory().resolve("workers")).doesNotExist();
  }
}
