package dev.loadharness.reports.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.ab.RatioInterval.Interval;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.trend.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts of A/B comparisons on known samples. */
class AbComparisonTest {
  private static final double[] SAME = {1.0};

  @Test
  void aDoubledLatencyAndHalvedThroughputRegressWithExitOne() {
    AbComparison c = AbComparison.paired("head", "base", AbRuns.rounds(3, new double[] {0.5}, new double[] {2.0}));

    assertThat(result(c, "end_to_end_p95_ms").verdict()).isEqualTo(AbVerdict.REGRESSED);
    assertThat(result(c, "end_to_end_p95_ms").ratio().low()).isGreaterThan(1.85);
    assertThat(result(c, "end_to_end_p95_ms").ratio().high()).isLessThan(2.15);
    assertThat(result(c, "throughput_wps").verdict()).isEqualTo(AbVerdict.REGRESSED);
    assertThat(result(c, "throughput_wps").ratio().estimate()).isBetween(0.48, 0.52);
    assertThat(c.exitCode()).isEqualTo(1);
    assertThat(c.regressions()).extracting(MetricResult::metric)
        .containsExactly("throughput_wps", "end_to_end_p50_ms", "end_to_end_p95_ms", "end_to_end_p99_ms");
  }

  @Test
  void theSameCodeIsUnchangedOnEveryMetric() {
    AbComparison c = AbComparison.paired("head", "base", AbRuns.rounds(5, SAME, SAME));

    assertThat(c.metrics()).extracting(MetricResult::verdict).containsOnly(AbVerdict.UNCHANGED);
    assertThat(c.metrics()).hasSize(AbMetric.ALL.size());
    assertThat(c.exitCode()).isZero();
  }

  @Test
  void roundsThatDisagreeAboutATenPercentMoveAreInconclusive() {
    AbComparison c = AbComparison.paired("head", "base",
        AbRuns.rounds(4, SAME, new double[] {1.02, 1.25, 0.97, 1.18}));

    MetricResult p95 = result(c, "end_to_end_p95_ms");
    assertThat(p95.verdict()).isEqualTo(AbVerdict.INCONCLUSIVE);
    assertThat(p95.ratio().low()).isLessThan(1.10);
    assertThat(p95.ratio().high()).isGreaterThan(1.10);
    assertThat(c.exitCode()).as("inconclusive is not a regression").isZero();
  }

  @Test
  void halvedLatencyImproves() {
    AbComparison c = AbComparison.paired("head", "base", AbRuns.rounds(3, SAME, new double[] {0.5}));

    assertThat(result(c, "end_to_end_p95_ms").verdict()).isEqualTo(AbVerdict.IMPROVED);
    assertThat(c.exitCode()).isZero();
  }

  @Test
  void twoRoundsGiveNoVerdictHoweverLargeAndConsistentTheMove() {
    AbComparison c = AbComparison.paired("head", "base", AbRuns.rounds(2, SAME, new double[] {3.0}));

    MetricResult p95 = result(c, "end_to_end_p95_ms");
    assertThat(p95.ratio().low()).isGreaterThan(2.0);
    assertThat(p95.verdict()).isEqualTo(AbVerdict.INCONCLUSIVE);
    assertThat(p95.note()).contains("fewer than 3 samples");
    assertThat(c.exitCode()).isZero();
  }

  @Test
  void aMissingRunLeavesItsRoundOutAndSaysSo() {
    List<AbComparison.Pair> pairs = new ArrayList<>(AbRuns.rounds(3, SAME, SAME));
    pairs.set(1, new AbComparison.Pair(2, null, pairs.get(1).base()));

    AbComparison c = AbComparison.paired("head", "base", pairs);

    assertThat(c.rounds()).isEqualTo(2);
    assertThat(result(c, "throughput_wps").samples()).isEqualTo(2);
    assertThat(result(c, "throughput_wps").verdict()).isEqualTo(AbVerdict.INCONCLUSIVE);
    assertThat(result(c, "throughput_wps").note()).startsWith("1 round(s) without a value > 0 on both sides left out; ");
  }

  @Test
  void aMillisecondOnATwoMillisecondLatencyIsBelowTheAbsoluteFloor() {
    List<AbComparison.Pair> pairs = new ArrayList<>();
    for (int r = 1; r <= 3; r++) {
      pairs.add(new AbComparison.Pair(r, AbRuns.run("h" + r, 20, 800, 90, 3.0), AbRuns.run("b" + r, 20, 800, 90, 2.0)));
    }
    AbComparison c = AbComparison.paired("head", "base", pairs);

    MetricResult s2s = result(c, "workflow_schedule_to_start_p95_ms");
    assertThat(s2s.ratio().estimate()).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s2s.minEffect()).as("2 ms floor on a 2 ms baseline").isEqualTo(1.0);
    assertThat(s2s.verdict()).isEqualTo(AbVerdict.UNCHANGED);
  }

  @Test
  void aLowerStickyHitRatioIsARegressionOfAHigherIsBetterMetric() {
    List<AbComparison.Pair> pairs = new ArrayList<>();
    for (int r = 1; r <= 3; r++) {
      pairs.add(new AbComparison.Pair(r, AbRuns.run("h" + r, 20, 800, 60 + r, 2), AbRuns.run("b" + r, 20, 800, 90, 2)));
    }
    AbComparison c = AbComparison.paired("head", "base", pairs);

    assertThat(result(c, "sticky_hit_ratio").verdict()).isEqualTo(AbVerdict.REGRESSED);
    assertThat(result(c, "sticky_hit_ratio").direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
  }

  @Test
  void unpairedEarlierRunsJudgeTheSameWay() {
    List<RunRecord> base = List.of(AbRuns.run("b1", 20, 800), AbRuns.run("b2", 20.4, 790), AbRuns.run("b3", 19.7, 815),
        AbRuns.run("b4", 20.1, 805));
    List<RunRecord> slow = List.of(AbRuns.run("h1", 20, 1620), AbRuns.run("h2", 19.9, 1580), AbRuns.run("h3", 20.2, 1600));
    List<RunRecord> same = List.of(AbRuns.run("h1", 20, 802), AbRuns.run("h2", 20.2, 795), AbRuns.run("h3", 19.9, 808));

    AbComparison regressed = AbComparison.unpaired("head", "runs/", slow, base);
    AbComparison unchanged = AbComparison.unpaired("head", "runs/", same, base);

    assertThat(regressed.paired()).isFalse();
    assertThat(result(regressed, "end_to_end_p95_ms").verdict()).isEqualTo(AbVerdict.REGRESSED);
    assertThat(result(regressed, "throughput_wps").verdict()).isEqualTo(AbVerdict.UNCHANGED);
    assertThat(result(unchanged, "end_to_end_p95_ms").verdict()).isEqualTo(AbVerdict.UNCHANGED);
    assertThat(regressed.method()).contains("unpaired");
  }

  @Test
  void verdictBoundsForBothDirections() {
    assertThat(AbVerdict.of(new Interval(1.2, 1.15, 1.3), Direction.LOWER_IS_BETTER, 0.1)).isEqualTo(AbVerdict.REGRESSED);
    assertThat(AbVerdict.of(new Interval(1.2, 1.15, 1.3), Direction.HIGHER_IS_BETTER, 0.1)).isEqualTo(AbVerdict.IMPROVED);
    assertThat(AbVerdict.of(new Interval(0.8, 0.7, 0.85), Direction.HIGHER_IS_BETTER, 0.1))
        .isEqualTo(AbVerdict.REGRESSED);
    assertThat(AbVerdict.of(new Interval(1.0, 0.9, 1.1), Direction.LOWER_IS_BETTER, 0.1)).isEqualTo(AbVerdict.UNCHANGED);
    assertThat(AbVerdict.of(new Interval(1.0, 0.85, 1.05), Direction.LOWER_IS_BETTER, 0.1))
        .isEqualTo(AbVerdict.INCONCLUSIVE);
    assertThat(AbVerdict.of(new Interval(1.0, 0.5, 2.0), Direction.LOWER_IS_BETTER, 0.1))
        .isEqualTo(AbVerdict.INCONCLUSIVE);
  }

  @Test
  void noRoundsIsRefused() {
    assertThatThrownBy(() -> AbComparison.paired("head", "base", List.of()))
        .hasMessage("a paired comparison needs at least one round");
  }

  static MetricResult result(AbComparison c, String metric) {
    return c.metrics().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow();
  }
}
