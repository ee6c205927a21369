package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.html.ChartSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class TrendPageTest {

  static List<String> labels(int n) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add("11-" + (10 + i) + " 01:00");
    }
    return l;
  }

  static ChartSpec chart(String metric, List<Double> values) {
    TrendMetric m = TrendMetric.KEY_METRICS.stream().filter(t -> t.name().equals(metric)).findFirst().orElseThrow();
    return TrendPage.bandChart("c", metric, m.unit(), labels(values.size()), labels(values.size()), values,
        m.direction(), m.tolerance(), m.range(), RegressionRule.DEFAULT);
  }

  static List<Double> band(ChartSpec chart, int series) {
    return chart.series().get(series).values().stream().filter(Objects::nonNull).toList();
  }

  @Test
  void bandsNeverLeaveWhatTheMetricCanPhysicallyBe() {
    // a noisy tiny latency: median - allowed would be negative
    ChartSpec latency = chart("activity_schedule_to_start_p95_ms",
        Arrays.asList(2.0, 40.0, 1.0, 60.0, 3.0, 80.0, 2.0, 50.0, 1.0));
    assertThat(band(latency, 3)).isNotEmpty().allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
    assertThat(band(latency, 3)).contains(0.0);
    // no failures: median 0, floor 1 workflow
    ChartSpec failures = chart("failed_or_timed_out", Arrays.asList(0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
    assertThat(band(failures, 3)).containsOnly(0.0);
    assertThat(band(failures, 2)).containsOnly(1.0);
    // a hit ratio at 1.0: the upper band stops at 1
    ChartSpec ratio = chart("sticky_hit_ratio", Arrays.asList(1.0, 0.99, 1.0, 1.0, 0.98, 1.0, 1.0));
    assertThat(band(ratio, 2)).isNotEmpty().allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(1.0));
    assertThat(band(ratio, 3)).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(ratio.yMin()).isEqualTo(0.0);
    assertThat(ratio.yMax()).isEqualTo(1.0);
    assertThat(latency.yMin()).isEqualTo(0.0);
    assertThat(latency.yMax()).isNull();
  }

  @Test
  void chartsCarryShortLabelsAndFullDetailsForHover() {
    ChartSpec c = TrendPage.bandChart("c", "t", "ms", List.of("11-20 01:00", "11-21 01:00"),
        List.of("#1 2026-11-20T01:00:00Z run-a", "#2 2026-11-21T01:00:00Z run-b"), Arrays.asList(1.0, 2.0),
        Direction.LOWER_IS_BETTER, new Tolerance(0, 0.1, 0.3), PhysicalRange.NON_NEGATIVE, RegressionRule.DEFAULT);
    assertThat(c.xLabels()).containsExactly("11-20 01:00", "11-21 01:00");
    assertThat(c.xDetails()).containsExactly("#1 2026-11-20T01:00:00Z run-a", "#2 2026-11-21T01:00:00Z run-b");
  }
}
