package dev.loadharness.reports.trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a new value is a regression against the recent history of comparable runs.
 *
 * <p>Why median and MAD: nightly load runs on shared machines are noisy and occasionally wild (a GC
 * storm, a noisy neighbour). The median of the last K runs ignores a single wild run, and the median
 * absolute deviation (MAD) measures the usual spread without being inflated by it. A change is flagged
 * only when it goes in the bad direction by more than the largest of: {@code relativeTolerance} of the
 * median (10%: smaller moves are not worth a person's time), {@code madMultiplier} MADs (3: beyond the
 * metric's own noise; for normal noise 3 MAD is about 2 standard deviations), and the metric's absolute
 * floor (sub-millisecond wobble of a tiny latency). Fewer than {@code minHistory} comparable runs give
 * no verdict rather than a guess.
 *
 * @param window K, how many of the most recent comparable runs form the baseline
 * @param relativeTolerance smallest relative change that can be flagged (0.10 = 10%)
 * @param madMultiplier how many MADs a change must exceed
 * @param minHistory fewest baseline values needed to judge
 */
public record RegressionRule(int window, double relativeTolerance, double madMultiplier, int minHistory) {

  /** K = 7 nights, 10%, 3 MAD, at least 3 comparable runs. */
  public static final RegressionRule DEFAULT = new RegressionRule(7, 0.10, 3.0, 3);

  /** Validates the parameters. */
  public RegressionRule {
    if (window < 1) {
      throw new IllegalArgumentException("regression window must be >= 1, was " + window);
    }
    if (minHistory < 1 || minHistory > window) {
      throw new IllegalArgumentException("regression minHistory must be in [1, window=" + window + "], was " + minHistory);
    }
    if (!(relativeTolerance >= 0) || !(madMultiplier >= 0)) {
      throw new IllegalArgumentException("regression relativeTolerance and madMultiplier must be >= 0, were "
          + relativeTolerance + ", " + madMultiplier);
    }
  }

  /**
   * Judges {@code current} against the last {@link #window} non-null values of {@code history} (oldest first).
   *
   * @param metric name for the finding
   * @param direction which way is better
   * @param absoluteFloor smallest change that can count, in the metric's unit
   * @param history earlier comparable values, oldest first; nulls (not measured) are skipped
   * @param current the new value
   */
  public Finding judge(String metric, Direction direction, double absoluteFloor, List<Double> history, double current) {
    List<Double> recent = new ArrayList<>();
    for (Double v : history) {
      if (v != null && !v.isNaN()) {
        recent.add(v);
      }
    }
    if (recent.size() > window) {
      recent = recent.subList(recent.size() - window, recent.size());
    }
    if (recent.size() < minHistory) {
      return new Finding(metric, direction, current, Double.NaN, Double.NaN, Double.NaN, recent.size(),
          Finding.Status.INSUFFICIENT_HISTORY);
    }
    double[] values = recent.stream().mapToDouble(Double::doubleValue).toArray();
    double median = median(values);
    double mad = median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
    double allowed = Math.max(Math.max(relativeTolerance * Math.abs(median), madMultiplier * mad), absoluteFloor);
    double worsening = direction.worsening(median, current);
    Finding.Status status = worsening > allowed ? Finding.Status.REGRESSED
        : -worsening > allowed ? Finding.Status.IMPROVED : Finding.Status.WITHIN_NOISE;
    return new Finding(metric, direction, current, median, mad, allowed, recent.size(), status);
  }

  /** Median of the values (mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
