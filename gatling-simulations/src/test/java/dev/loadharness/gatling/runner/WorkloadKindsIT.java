package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped specs of the omes-style workload kinds through the real load pipeline (scripts/load's runner,
 * worker JVMs, Gatling) on the auto-selected server: the dev server where the Temporal CLI is installed.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class WorkloadKindsIT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theKitchenSinkFuzzerPassesAndItsSeedIsInTheRecord() {
    RunOutcome outcome = LoadRunsForTests.run("kitchen-sink", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().completed()).isEqualTo(record.load().started()).isEqualTo(16);
    assertThat(record.workload().mix()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("kitchen-sink");
      assertThat(e.params()).containsEntry("seed", 7).containsEntry("depth", 2);
    });
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void longIdleWorkflowsWakeUpAndEachWakeUpIsMeasured() {
    RunOutcome outcome = LoadRunsForTests.run("long-idle", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().completed()).isEqualTo(24);
    // 12 workflows wake from a timer; 12 from a timer and then from the driver's signal.
    assertThat(record.latencyMs().get(RunLedger.PROBE_WAKE_UP).count()).isEqualTo(36);
    assertThat(record.thresholds()).anyMatch(t -> t.metric().equals("wake_up_p95_ms") && t.pass());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSlowWorkflowTaskBreachesTheWakeUpBar() {
    // Each workflow task's completion held back 2.1 s: every wake-up ends at a completed task, so each is late.
    RunOutcome outcome = new LoadRunner(System.out).run(new RunOptions("long-idle", Optional.empty(), Optional.empty(),
        LoadSuiteIT.RUNS, Duration.ofSeconds(2), Map.of("workflow_task_delay_ms", "2100")));
    assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(RunOutcome.BREACH);
    assertThat(outcome.breaches()).anySatisfy(t -> {
      assertThat(t.metric()).isEqualTo("wake_up_p95_ms");
      assertThat(t.actual()).isGreaterThan(2000);
    });
    assertThat(RunRecords.read(outcome.runDirectory()).latencyMs().get(RunLedger.PROBE_WAKE_UP).count()).isPositive();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void schedulesFireTheirWorkflowsAndEachFireDelayIsMeasured() {
    RunOutcome outcome = LoadRunsForTests.run("schedules", LoadSuiteIT.RUNS);
    assumeFalse(outcome.message() != null && outcome.message().startsWith("SKIPPED"), outcome.message());
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().completed()).isEqualTo(6);
    assertThat(record.latencyMs().get(RunLedger.PROBE_SCHEDULE_FIRE_DELAY).count()).isEqualTo(6 * 5);
    assertThat(record.thresholds()).anyMatch(t -> t.metric().equals("schedule_fire_delay_p95_ms") && t.pass());
  }
}
