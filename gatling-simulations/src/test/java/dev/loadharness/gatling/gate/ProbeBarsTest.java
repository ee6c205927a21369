package dev.loadharness.gatling.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The workload kinds' own bars, wake-up and schedule fire delay, as the shipped specs set them. */
class ProbeBarsTest {

  @Test
  void aLateWakeUpBreachesTheLongIdleBar() {
    ScenarioSpec spec = ScenarioSpecs.load("long-idle");
    assertThat(bar(spec, RunLedger.PROBE_WAKE_UP, 150_000)).extracting(Threshold::pass).isEqualTo(true);
    Threshold late = bar(spec, RunLedger.PROBE_WAKE_UP, 9_000_000);
    assertThat(late.pass()).isFalse();
    assertThat(late.line()).startsWith("FAIL wake_up_p95_ms < ").contains("actual 900");
  }

  @Test
  void aLateFireBreachesTheSchedulesBar() {
    ScenarioSpec spec = ScenarioSpecs.load("schedules");
    assertThat(bar(spec, RunLedger.PROBE_SCHEDULE_FIRE_DELAY, 40_000).pass()).isTrue();
    Threshold late = bar(spec, RunLedger.PROBE_SCHEDULE_FIRE_DELAY, 7_500_000);
    assertThat(late.pass()).isFalse();
    assertThat(late.line()).startsWith("FAIL schedule_fire_delay_p95_ms < ").contains("actual 750");
  }

  @Test
  void noSampleIsNothingMeasuredAndFails() {
    ScenarioSpec spec = ScenarioSpecs.load("long-idle");
    Measurements none = JudgeTest.measurements(JudgeTest.counts(24, 24, 0, 0), 1_000, 1, 0);
    assertThat(Judge.thresholds(spec, none, Optional.empty())).filteredOn(t -> t.metric().equals("wake_up_p95_ms"))
        .singleElement().satisfies(t -> assertThat(t.pass()).isFalse());
  }

  private static Threshold bar(ScenarioSpec spec, String probe, long micros) {
    Histogram h = new Histogram(3);
    h.recordValue(micros);
    Measurements m = JudgeTest.measurements(JudgeTest.counts(24, 24, 0, 0), 1_000, 1, 0).withProbes(Map.of(probe, h));
    String metric = probe.equals(RunLedger.PROBE_WAKE_UP) ? "wake_up_p95_ms" : "schedule_fire_delay_p95_ms";
    return Judge.thresholds(spec, m, Optional.empty()).stream().filter(t -> t.metric().equals(metric)).findFirst()
        .orElseThrow();
  }
}
