package dev.loadharness.gatling.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import io.gatling.javaapi.core.Assertion;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecAssertionsTest {
  private static ScenarioSpec spec(String thresholds) {
    return ScenarioSpecs.parse("test.yaml", """
        name: t
        workflows: 4
        mix:
          - {kind: linear, weight: 1}
        injection: {model: at-once}
        time_budget: 60s
        thresholds:
        """ + thresholds);
  }

  private static List<String> described(ScenarioSpec spec) {
    return SpecAssertions.of(spec).stream().map(Assertion::asScala).map(Object::toString).toList();
  }

  @Test
  void latencyBarsBecomePercentilesOfTheirRequestAtWholeMilliseconds() {
    ScenarioSpec spec = spec("""
          - {metric: end_to_end_p95_ms, op: "<", limit: 0.001}
          - {metric: end_to_end_p99_ms, op: "<=", limit: 2500.7}
          - {metric: start_p95_ms, op: ">=", limit: 2.2}
        """);

    assertThat(described(spec)).satisfiesExactly(
        a -> assertThat(a).contains("completed").contains("Percentile(95.0)").contains("Lt(1.0)"),
        a -> assertThat(a).contains("completed").contains("Percentile(99.0)").contains("Lte(2500.0)"),
        a -> assertThat(a).contains("start").contains("Percentile(95.0)").contains("Gte(3.0)"));
    assertThat(SpecAssertions.assertedNames(spec))
        .containsExactly("end_to_end_p95_ms < 0.001", "end_to_end_p99_ms <= 2500.700", "start_p95_ms >= 2.200");
  }

  @Test
  void failedAndTimedOutTogetherBecomeNoKoOnStartAndCompleted() {
    ScenarioSpec spec = spec("""
          - {metric: failed, op: "==", limit: 0}
          - {metric: timed_out, op: "==", limit: 0}
        """);

    assertThat(described(spec)).satisfiesExactly(
        a -> assertThat(a).contains("start").contains("FailedRequests").contains("Is(0.0)"),
        a -> assertThat(a).contains("completed").contains("FailedRequests").contains("Is(0.0)"));
    assertThat(SpecAssertions.assertedNames(spec)).containsExactly("failed == 0", "timed_out == 0");
  }

  @Test
  void barsGatlingDoesNotMeasureAlikeAreLeftToTheJudge() {
    ScenarioSpec spec = spec("""
          - {metric: failed, op: "==", limit: 0}
          - {metric: duration_s, op: "<", limit: 60}
          - {metric: throughput_wps, op: ">", limit: 1}
          - {metric: poll_p95_ms, op: "<", limit: 5000}
          - {metric: end_to_end_p95_ms, op: "==", limit: 10.5}
        """);

    assertThat(SpecAssertions.of(spec)).isEmpty();
    assertThat(SpecAssertions.assertedNames(spec)).isEmpty();
  }
}
