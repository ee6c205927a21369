package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TaskQueueCount;
import dev.loadharness.reports.record.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped workload specs of omes's breadth (ebb-and-flow, backlog, many-task-queues) through the real load
 * pipeline on the auto-selected server (the dev server where the Temporal CLI is installed), with real worker
 * JVMs: each passes its own thresholds, and the run record holds what makes the workload what it is.
 */
class WorkloadModelsIT {

  private static double max(RunRecord record, SeriesColumn column) {
    return record.series().column(column).stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max()
        .orElseThrow();
  }

  private static double min(RunRecord record, SeriesColumn column) {
    return record.series().column(column).stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).min()
        .orElseThrow();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void ebbAndFlowOffersTheWaveItsSpecNames() {
    RunOutcome outcome = LoadRunsForTests.run("ebb-and-flow", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    // Gatling's four ramps offer exactly the wave's area: 1 -> 5 -> 1 /s twice in 16 s.
    assertThat(record.load().started()).isEqualTo(record.load().completed()).isEqualTo(48);
    assertThat(record.workload().injection().model()).isEqualTo("ebb-and-flow");
    assertThat(record.workload().injection().wave()).isEqualTo(new Workload.Wave(1, 5, 8));
    assertThat(record.series().hasData(SeriesColumn.OFFERED_RATE)).isTrue();
    assertThat(max(record, SeriesColumn.OFFERED_RATE)).as("the flood").isGreaterThan(3.5);
    assertThat(min(record, SeriesColumn.OFFERED_RATE)).as("the ebb").isLessThan(2.5);
    assertThat(max(record, SeriesColumn.THROUGHPUT_WPS)).as("the workers followed the flood").isGreaterThan(2);
    assertThat(outcome.runDirectory().resolve("report.html")).content().contains("offered_rate");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void backlogKeepsTheInFlightWorkflowsUnderTheWavingTarget() {
    RunOutcome outcome = LoadRunsForTests.run("backlog", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().started()).isEqualTo(record.load().completed()).isGreaterThan(20);
    assertThat(record.workload().injection().wave()).isEqualTo(new Workload.Wave(2, 12, 8));
    assertThat(record.workload().workflows()).as("a closed model has no count").isZero();
    assertThat(max(record, SeriesColumn.BACKLOG_TARGET)).isGreaterThan(8).isLessThanOrEqualTo(12);
    // Gatling's closed model starts a workflow only below the target: never more in flight than the flood. (On
    // the ebb, in flight falls only as fast as workflows complete: starting none is all the model can do.)
    assertThat(max(record, SeriesColumn.IN_FLIGHT)).as("in flight").isLessThanOrEqualTo(12).isGreaterThan(6);
    assertThat(outcome.runDirectory().resolve("report.html")).content().contains("backlog_target");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void manyTaskQueuesSpreadsTheWorkflowsAndCountsEachQueue() throws Exception {
    RunOutcome outcome = LoadRunsForTests.run("many-task-queues", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().started()).isEqualTo(record.load().completed()).isEqualTo(40);
    assertThat(record.runtime()).containsEntry("task_queues", 8);
    if (record.environment().serverKind().equals("in-memory")) {
      return; // it cannot count through visibility: no per-queue counts there
    }
    String base = "load-" + record.runId();
    assertThat(record.taskQueues()).extracting(TaskQueueCount::name)
        .containsExactly(base + "-0", base + "-1", base + "-2", base + "-3", base + "-4", base + "-5", base + "-6",
            base + "-7");
    assertThat(record.taskQueues()).allSatisfy(q -> {
      assertThat(q.started()).as(q.name()).isEqualTo(5);
      assertThat(q.completed()).as(q.name()).isEqualTo(5);
    });
    for (String worker : List.of("worker-1", "worker-2")) {
      String log = Files.readString(outcome.runDirectory().resolve(Path.of("workers", worker, "worker.log")));
      assertThat(log).as(worker + " polls every queue").contains(base + "-0," + base + "-1,").contains(base + "-7 on");
    }
  }

  /** The plain SDK worker (the overhead baseline) polls every queue too, not one queue named by the list. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void thePlainSdkWorkerServesEveryQueue(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("plain-sdk-queues.yaml");
    Files.writeString(spec, """
        name: plain-sdk-queues
        mix:
          - {kind: io, weight: 1, params: {steps: 1, io_ms: 50}}
        injection: {model: constant-rate, rate: 4, duration: 4s}
        warm_up_workflows: 4
        time_budget: 60s
        workers: {processes: 1, task_queues: 4, runtime: plain-sdk, workflow_slots: 4, activity_slots: 4,
          workflow_pollers: 1, activity_pollers: 1}
        thresholds:
          - {metric: failed, op: "==", limit: 0}
          - {metric: timed_out, op: "==", limit: 0}
          - {metric: unaccounted, op: "==", limit: 0}
        """);
    RunOutcome outcome = LoadRunsForTests.run(spec.toString(), LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().started()).isEqualTo(record.load().completed()).isEqualTo(16);
    assertThat(record.runtime()).containsEntry("mode", "plain-sdk").containsEntry("task_queues", 4);
  }
}
