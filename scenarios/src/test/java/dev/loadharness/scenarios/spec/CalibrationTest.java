package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.record.Threshold;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /** Twenty runs whose values are base * (1 + spread * k / 19), k = 0..19: median at k = 10, worst at k = 19. */
  private static List<Map<Metric, Double>> runs(Metric metric, double base, double spread) {
    List<Map<Metric, Double>> runs = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      Map<Metric, Double> v = new EnumMap<>(Metric.class);
      v.put(metric, base * (1 + spread * k / 19.0));
      runs.add(v);
    }
    return runs;
  }

  @Test
  void endToEndMedianGetsTheTighterMarginsThatCatchAPerTaskCost() {
    // 20 runs of p50 from 632 to 663 ms (5% spread): limit = max(663 * 1.10, 648 * 1.20) = 778 ms.
    Calibration c = Calibration.derive("s", "dev-server", 2, "d", runs(Metric.END_TO_END_P50_MS, 632, 0.05));
    Calibration.Bar bar = c.bars().get("end_to_end_p50_ms");
    assertThat(bar.op()).isEqualTo("<");
    assertThat(bar.limit()).isCloseTo(648.63 * 1.20, org.assertj.core.data.Offset.offset(0.01));
    // +50 ms on each of a workflow's tasks moved worker-load-128's p50 from 632 to 878 ms: caught.
    assertThat(878.0).isGreaterThan(bar.limit());
    // while the same numbers under p95's tail margins (1.35x the median) would let 878 ms pass
    Calibration tail = Calibration.derive("s", "dev-server", 2, "d", runs(Metric.END_TO_END_P95_MS, 632, 0.05));
    assertThat(tail.bars().get("end_to_end_p95_ms").limit()).isGreaterThan(875.0);
  }

  @Test
  void aWideDistributionIsBoundByItsWorstRunTimesTheMargin() {
    Calibration c = Calibration.derive("s", "dev-server", 2, "d", runs(Metric.END_TO_END_P95_MS, 1000, 0.60));
    assertThat(c.bars().get("end_to_end_p95_ms").limit()).isCloseTo(1600 * 1.15, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void higherIsBetterMetricsAreMirrored() {
    Calibration c = Calibration.derive("s", "dev-server", 2, "d", runs(Metric.THROUGHPUT_WPS, 6.0, 0.02));
    Calibration.Bar bar = c.bars().get("throughput_wps");
    assertThat(bar.op()).isEqualTo(">");
    assertThat(bar.worst()).isEqualTo(6.0);
    assertThat(bar.limit()).isCloseTo(Math.min(6.0 / 1.15, bar.median() / 1.35), org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void fewerThanThreeRunsSayNothingAboutSpread() {
    Calibration c = Calibration.derive("s", "dev-server", 2, "d",
        runs(Metric.END_TO_END_P50_MS, 600, 0.1).subList(0, 2));
    assertThat(c.bars()).doesNotContainKey("end_to_end_p50_ms");
  }

  @Test
  void aRuleRefusesMarginsBelowOne() {
    assertThatThrownBy(() -> new Calibration.Rule(Threshold.Op.LT, 0.9, 1.2))
        .hasMessageContaining("margins must be >= 1, got 0.9");
    assertThatThrownBy(() -> new Calibration.Rule(Threshold.Op.EQ, 1.1, 1.2))
        .hasMessageContaining("a calibrated rule is < or >, got ==");
  }
}
