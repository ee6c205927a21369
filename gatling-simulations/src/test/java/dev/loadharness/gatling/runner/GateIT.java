package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gate fails real runs: a breached bar, and workflows whose results never arrive. */
class GateIT {
  static final Path RUNS = Path.of("target", "it-runs");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anImpossibleThresholdFailsWithActualVersusLimit() {
    LoadRunsForTests.Captured run = LoadRunsForTests.capture("src/test/resources/specs/impossible-threshold.yaml", RUNS);
    assertThat(run.outcome().exitCode()).isEqualTo(RunOutcome.BREACH);
    assertThat(run.outcome().breaches()).extracting(Threshold::name).containsExactly("end_to_end_p95_ms < 0.001");
    assertThat(run.output()).contains("impossible-threshold: FAIL").containsPattern(
        "FAIL +end_to_end_p95_ms < 0.001 +actual [0-9.]+ +limit < 0.001");
    RunRecord record = RunRecords.read(run.outcome().runDirectory().resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(record.load().completed()).isEqualTo(4);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void workflowsWhoseResultNeverArrivesAreTimedOutAndFailTheRun() {
    LoadRunsForTests.Captured run = LoadRunsForTests.capture("src/test/resources/specs/lost-workflow.yaml", RUNS);
    assertThat(run.outcome().exitCode()).isEqualTo(RunOutcome.BREACH);
    RunRecord record = RunRecords.read(run.outcome().runDirectory().resolve("run.json"));
    assertThat(record.load().started()).isEqualTo(4);
    assertThat(record.load().completed()).isEqualTo(2);
    assertThat(record.load().timedOut()).isEqualTo(2);
    assertThat(record.load().completed() + record.load().failed() + record.load().timedOut()
        + record.load().unaccounted()).isEqualTo(record.load().started());
    assertThat(run.outcome().breaches()).extracting(Threshold::name).contains("timed_out == 0");
  }
}
