package dev.loadharness.gatling.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.capacity.CapacityStep;
import dev.loadharness.reports.record.Threshold;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way a step is judged unsustainable, with a step just inside each bar beside it. */
class StepCriteriaTest {

  static CapacityStep step(double offered, double throughput, Double growth, List<Threshold> bars) {
    return new CapacityStep(1, CapacityStep.STEP, offered, throughput, 100.0, 200.0, 300.0, 20.0, growth, 50.0, 80.0,
        30.0, 160.0, 10.0, 24.0, 100, 0, 0, 0, bars, "pass", false, "", "run", "dir");
  }

  static final Threshold OK = new Threshold("failed == 0", "failed", "==", 0, 0.0, true);

  @Test
  void aBrokenSloMakesTheStepUnsustainableNamingTheBarAndActual() {
    Threshold slo = new Threshold("end_to_end_p95_ms < 150", "end_to_end_p95_ms", "<", 150, 200.0, false);
    CapacityStep judged = StepCriteria.judge(step(10, 10, 0.0, List.of(slo, OK)), true, List.of());
    assertThat(judged.sustainable()).isFalse();
    assertThat(judged.reason()).isEqualTo("breached end_to_end_p95_ms < 150 (actual 200)");
  }

  @Test
  void openModelBacklogGrowingFasterThanTenPercentOfTheRateIsUnsustainable() {
    CapacityStep growing = StepCriteria.judge(step(20, 18, 2.4, List.of(OK)), true, List.of());
    assertThat(growing.sustainable()).isFalse();
    assertThat(growing.reason()).startsWith("in flight grew 2.40 wf/s over the steady window (12% of the offered rate");
    CapacityStep flat = StepCriteria.judge(step(20, 19.5, 1.6, List.of(OK)), true, List.of());
    assertThat(flat.sustainable()).isTrue();
    assertThat(flat.reason()).isEmpty();
  }

  @Test
  void openModelWithoutAnInFlightSeriesFallsBackToCompletionsAgainstTheRate() {
    assertThat(StepCriteria.judge(step(20, 16, null, List.of(OK)), true, List.of()).reason())
        .isEqualTo("completions 16 wf/s fell behind the offered 20 wf/s");
    assertThat(StepCriteria.judge(step(20, 17.5, null, List.of(OK)), true, List.of()).sustainable()).isTrue();
  }

  @Test
  void closedModelPastTheKneeWhenThroughputPerWorkflowInFlightHalves() {
    List<CapacityStep> lowest = List.of(step(8, 40, null, List.of(OK))); // 5 wf/s per workflow in flight
    CapacityStep queued = StepCriteria.judge(step(32, 70, null, List.of(OK)), false, lowest);
    assertThat(queued.sustainable()).isFalse(); // 2.19 per in flight = 0.44x
    assertThat(queued.reason()).startsWith("throughput per workflow in flight fell to 0.44x of the best lower step's "
        + "(8 in flight;");
    assertThat(StepCriteria.judge(step(16, 60, null, List.of(OK)), false, lowest).sustainable()).isTrue(); // 0.75x
  }

  @Test
  void closedModelReferenceIsTheBestLowerStepNotASlowLowestOne() {
    // 8 in flight ran slow (a busy machine that minute), 16 ran at 1.25 per in flight: 32 at 0.16 is past the knee.
    List<CapacityStep> earlier = List.of(step(8, 1.9, null, List.of(OK)), step(16, 20, null, List.of(OK)),
        step(64, 100, null, List.of(OK)));
    CapacityStep judged = StepCriteria.judge(step(32, 5.3, null, List.of(OK)), false, earlier);
    assertThat(judged.sustainable()).isFalse();
    assertThat(judged.reason()).contains("of the best lower step's (16 in flight;");
  }

  @Test
  void closedModelFirstStepIsSustainableWhenAnythingCompleted() {
    assertThat(StepCriteria.judge(step(8, 40, null, List.of(OK)), false, List.of()).sustainable()).isTrue();
    assertThat(StepCriteria.judge(step(8, 0, null, List.of(OK)), false, List.of()).reason())
        .isEqualTo("nothing completed in the steady window");
  }
}
