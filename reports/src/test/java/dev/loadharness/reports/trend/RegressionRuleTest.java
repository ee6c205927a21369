package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.trend.Finding.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegressionRuleTest {

  static final RegressionRule RULE = RegressionRule.DEFAULT;

  /** A seeded series around {@code level} with relative Gaussian noise {@code sd}. */
  static List<Double> noisy(long seed, int n, double level, double sd) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(level * (1 + sd * random.nextGaussian()));
    }
    return values;
  }

  /** Judges every point of a series against the points before it; returns the statuses. */
  static List<Status> walk(List<Double> series, Direction direction) {
    List<Status> statuses = new ArrayList<>();
    for (int i = 1; i < series.size(); i++) {
      statuses.add(RULE.judge("m", direction, 0, series.subList(0, i), series.get(i)).status());
    }
    return statuses;
  }

  @Test
  void ordinaryNoiseIsNeverFlagged() {
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(walk(noisy(seed, 120, 850, 0.02), Direction.LOWER_IS_BETTER)).as("latency seed %s", seed)
          .doesNotContain(Status.REGRESSED);
      assertThat(walk(noisy(seed + 100, 120, 21, 0.02), Direction.HIGHER_IS_BETTER)).as("throughput seed %s", seed)
          .doesNotContain(Status.REGRESSED);
    }
  }

  @Test
  void noisyMetricNeedsAStepBeyondItsOwnSpread() {
    // 25% noise: the band is 3 MAD, wider than 10%; a step just inside it passes, just beyond it is flagged
    List<Double> history = noisy(7, 7, 100, 0.25);
    double median = median(history);
    Finding probe = RULE.judge("poll_p95_ms", Direction.LOWER_IS_BETTER, 0, history, median);
    assertThat(probe.allowed()).isEqualTo(3 * probe.mad()).isGreaterThan(0.10 * median);
    assertThat(RULE.judge("poll_p95_ms", Direction.LOWER_IS_BETTER, 0, history, median + 0.95 * probe.allowed())
        .status()).isEqualTo(Status.WITHIN_NOISE);
    assertThat(RULE.judge("poll_p95_ms", Direction.LOWER_IS_BETTER, 0, history, median + 1.05 * probe.allowed())
        .status()).isEqualTo(Status.REGRESSED);
  }

  @Test
  void aRealStepIsFlaggedWithTheChange() {
    List<Double> series = new ArrayList<>(noisy(11, 10, 850, 0.02));
    series.add(850 * 1.25);
    Finding f = RULE.judge("end_to_end_p95_ms", Direction.LOWER_IS_BETTER, 0.5,
        series.subList(0, 10), series.get(10));
    assertThat(f.status()).isEqualTo(Status.REGRESSED);
    assertThat(f.historySize()).isEqualTo(7);
    assertThat(f.changePercent()).isBetween(20.0, 30.0);
    assertThat(f.describe()).isEqualTo("end_to_end_p95_ms regressed: 1063 vs median 845.9 of 7 runs (+25.6%, change +216.6, allowed 84.59)");
  }

  @Test
  void directionDecidesWhatIsBad() {
    List<Double> throughput = noisy(3, 7, 21, 0.02);
    assertThat(RULE.judge("t", Direction.HIGHER_IS_BETTER, 0, throughput, 15.0).status())
        .isEqualTo(Status.REGRESSED);
    assertThat(RULE.judge("t", Direction.HIGHER_IS_BETTER, 0, throughput, 28.0).status())
        .isEqualTo(Status.IMPROVED);
    assertThat(RULE.judge("t", Direction.LOWER_IS_BETTER, 0, throughput, 28.0).status())
        .isEqualTo(Status.REGRESSED);
  }

  @Test
  void oneWildRunInTheHistoryDoesNotMoveTheBaseline() {
    List<Double> history = new ArrayList<>(noisy(5, 7, 100, 0.02));
    history.set(3, 400.0);
    Finding normal = RULE.judge("m", Direction.LOWER_IS_BETTER, 0, history, 101);
    assertThat(normal.baselineMedian()).isBetween(97.0, 103.0);
    assertThat(normal.status()).isEqualTo(Status.WITHIN_NOISE);
    assertThat(RULE.judge("m", Direction.LOWER_IS_BETTER, 0, history, 125).status()).isEqualTo(Status.REGRESSED);
  }

  @Test
  void absoluteFloorIgnoresTinyMovesOfTinyValues() {
    List<Double> history = List.of(1.0, 1.02, 0.98, 1.01, 0.99);
    assertThat(RULE.judge("s2s", Direction.LOWER_IS_BETTER, 0.5, history, 1.4).status())
        .isEqualTo(Status.WITHIN_NOISE);
    assertThat(RULE.judge("s2s", Direction.LOWER_IS_BETTER, 0.0, history, 1.4).status())
        .isEqualTo(Status.REGRESSED);
  }

  @Test
  void onlyTheLastKValuesCountAndNullsAreSkipped() {
    List<Double> history = new ArrayList<>(List.of(500.0, 500.0, 500.0, 500.0));
    history.addAll(java.util.Arrays.asList(100.0, null, 101.0, 99.0, 100.0, 102.0, 98.0, 100.0));
    Finding f = RULE.judge("m", Direction.LOWER_IS_BETTER, 0, history, 100);
    assertThat(f.historySize()).isEqualTo(7);
    assertThat(f.baselineMedian()).isEqualTo(100.0);
  }

  @Test
  void tooLittleHistoryGivesNoJudgement() {
    Finding f = RULE.judge("m", Direction.LOWER_IS_BETTER, 0, List.of(100.0, 100.0), 1000);
    assertThat(f.status()).isEqualTo(Status.INSUFFICIENT_HISTORY);
    assertThat(f.regressed()).isFalse();
    assertThat(f.describe()).contains("only 2 comparable earlier runs");
  }

  @Test
  void invalidRuleIsRejected() {
    assertThatThrownBy(() -> new RegressionRule(0, 0.1, 3, 1)).hasMessageContaining("window must be >= 1, was 0");
    assertThatThrownBy(() -> new RegressionRule(5, 0.1, 3, 6)).hasMessageContaining("minHistory");
  }

  static double median(List<Double> values) {
    return RegressionRule.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
