package dev.loadharness.gatling.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The judge: each bar with actual vs limit, and the bars no spec can switch off. */
class JudgeTest {
  static final ScenarioSpec SPEC = ScenarioSpecs.load("worker-load-128");

  @Test
  void aHealthyRunPassesEveryBar() {
    var checks = Judge.thresholds(SPEC, measurements(counts(128, 128, 0, 0), 400_000, 900, 100), Optional.empty());
    assertThat(checks).allMatch(Threshold::pass);
    assertThat(checks).hasSize(SPEC.thresholds().size() + 1); // + worker_deaths == 0
  }

  @Test
  void eachBreachIsListedWithActualAndLimit() {
    var checks = Judge.thresholds(SPEC, measurements(counts(128, 120, 3, 5), 6_000_000, 600, 400), Optional.empty());
    assertThat(checks).anyMatch(t -> !t.pass());
    assertThat(checks.stream().filter(c -> !c.pass()).map(Threshold::line)).containsExactly(
        "FAIL poll_p95_ms < 5000                               actual 6000.639     limit < 5000",
        "FAIL workflow_task_schedule_to_start_p95_ms < 5000    actual 6000.639     limit < 5000",
        "FAIL activity_schedule_to_start_p95_ms < 5000         actual 6000.639     limit < 5000",
        "FAIL sticky_hit_ratio > 0.700                         actual 0.600        limit > 0.700",
        "FAIL failed == 0                                      actual 3            limit == 0",
        "FAIL timed_out == 0                                   actual 5            limit == 0");
  }

  @Test
  void nothingMeasuredNeverPasses() {
    Measurements empty = new Measurements(counts(128, 128, 0, 0), new Histogram(3), new Histogram(3),
        new Histogram(3), new Histogram(3), new Histogram(3), 0, 0, 0);
    var checks = Judge.thresholds(SPEC, empty, Optional.empty());
    assertThat(checks.stream().filter(c -> !c.pass()).map(Threshold::metric)).containsExactly("poll_p95_ms",
        "workflow_task_schedule_to_start_p95_ms", "activity_schedule_to_start_p95_ms", "sticky_hit_ratio");
  }

  @Test
  void unaccountedWorkflowsFailEvenWithoutAThreshold() {
    ScenarioSpec smoke = ScenarioSpecs.parse("s.yaml", """
        name: s
        workflows: 10
        mix: [{kind: io, weight: 1}]
        injection: {model: at-once}
        time_budget: 10s
        """);
    var checks = Judge.thresholds(smoke, measurements(counts(10, 7, 0, 0), 1000, 1, 0), Optional.empty());
    assertThat(checks).first().satisfies(c -> {
      assertThat(c.name()).isEqualTo("accounting: unaccounted == 0");
      assertThat(c.actual()).isEqualTo(3.0);
      assertThat(c.pass()).isFalse();
    });
  }

  @Test
  void visibilityDisagreementFails() {
    var checks = Judge.thresholds(SPEC, measurements(counts(128, 128, 0, 0), 400_000, 900, 100),
        Optional.of(new VisibilityCheck.Result(2, false, "server query")));
    assertThat(checks.get(checks.size() - 1).pass()).isFalse();
    assertThat(checks).anyMatch(t -> !t.pass());
  }

  @Test
  void aWorkerThatDiedFailsTheRunEvenWithoutAThreshold() {
    Measurements m = measurements(counts(128, 128, 0, 0), 400_000, 900, 100);
    Measurements oneDeath = new Measurements(m.counts(), m.start(), m.endToEnd(), m.poll(),
        m.workflowScheduleToStart(), m.activityScheduleToStart(), 900, 100, 1);
    var checks = Judge.thresholds(SPEC, oneDeath, Optional.empty());
    assertThat(checks.stream().filter(c -> !c.pass()).map(Threshold::line)).singleElement().asString()
        .startsWith("FAIL workers: worker_deaths == 0").contains("actual 1 ");
  }

  @Test
  void calibratedBarsAreAddedBesideTheFloorsAndCatchWhatTheFloorsMiss() {
    java.util.List<java.util.Map<dev.loadharness.scenarios.spec.Metric, Double>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(java.util.Map.of(dev.loadharness.scenarios.spec.Metric.END_TO_END_P95_MS, 400.0 + i,
          dev.loadharness.scenarios.spec.Metric.THROUGHPUT_WPS, 4.3 - i * 0.002));
    }
    var calibration = dev.loadharness.scenarios.spec.Calibration.derive("worker-load-128", "dev-server", 2,
        "2026-11-24", runs);
    assertThat(calibration.bars().get("end_to_end_p95_ms").limit()).isEqualTo(Math.max(419 * 1.15, 410 * 1.35));
    // 400 ms per workflow passes; 800 ms (a 2x slowdown) passes the 5 s floors but not the calibrated bar.
    var fine = Judge.thresholds(SPEC, measurements(counts(128, 128, 0, 0), 400_000, 900, 100), Optional.empty(),
        Optional.of(calibration));
    var slow = Judge.thresholds(SPEC, measurements(counts(128, 128, 0, 0), 800_000, 900, 100), Optional.empty(),
        Optional.of(calibration));
    assertThat(fine).filteredOn(t -> t.name().startsWith("calibrated: end_to_end_p95_ms")).allMatch(Threshold::pass);
    assertThat(slow.stream().filter(t -> !t.pass()).map(Threshold::name))
        .containsExactly("calibrated: end_to_end_p95_ms < 553.500");
  }

  @Test
  void aDeployedFleetsLatencyBarsReadTheScrapedUpperBoundsWhenNoExactSampleExists() {
    Measurements scraped = new Measurements(counts(10, 10, 0, 0), new Histogram(3), new Histogram(3), new Histogram(3),
        new Histogram(3), new Histogram(3), 0, 0, 0, java.util.Map.of(Metric.WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS,
            250.0, Metric.POLL_P95_MS, Double.POSITIVE_INFINITY));
    ScenarioSpec spec = ScenarioSpecs.parse("fleet.yaml", """
        name: fleet
        workflows: 10
        mix: [{kind: linear}]
        injection: {model: at-once}
        time_budget: 30s
        thresholds:
          - {metric: workflow_task_schedule_to_start_p95_ms, op: "<", limit: 300}
          - {metric: workflow_task_schedule_to_start_p95_ms, op: "<", limit: 200}
          - {metric: poll_p95_ms, op: "<", limit: 5000}
          - {metric: activity_schedule_to_start_p95_ms, op: "<", limit: 5000}
        """);
    List<Threshold> bars = Judge.thresholds(spec, scraped, Optional.empty());
    assertThat(bars.subList(0, 4)).extracting(Threshold::pass).containsExactly(true, false, false, false);
    assertThat(bars.get(0).actual()).isEqualTo(250.0);
    assertThat(bars.get(3).actual()).as("nothing scraped for activities: the bar cannot pass").isNull();
  }

  static RunLedger.Counts counts(long started, long completed, long failed, long timedOut) {
    return new RunLedger.Counts(started, completed, failed, timedOut, started - completed - failed - timedOut, 30);
  }

  /** Every latency histogram holds one value {@code micros}; the sticky counters are given. */
  static Measurements measurements(RunLedger.Counts counts, long micros, long hits, long misses) {
    Histogram h = new Histogram(3);
    h.recordValue(micros);
    return new Measurements(counts, h, h, h, h, h, hits, misses, 0);
  }
}
