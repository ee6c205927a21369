package dev.loadharness.reports.trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a new value is a regression against the recent history of like runs (same
 * {@link TrendKey}).
 *
 * <p>Baseline: the median of the last K like runs, which ignores a single wild run (a GC storm, a noisy
 * neighbour). Band: {@code madMultiplier} median absolute deviations (MAD) of those runs, the metric's own
 * run-to-run noise measured without being inflated by the wild run (for normal noise 3 MAD is about two
 * standard deviations), clamped by the metric's {@link Tolerance}: at least its minimum effect (10% for
 * throughput, 20% for tail latencies: smaller moves are noise on a shared machine or not worth a person's
 * time) and at most its promised detectable effect (15% for throughput, 30% for p95 latencies), so a 20%
 * throughput drop or a 1.5x p95 rise is flagged however noisy the history. Fewer than {@code minHistory}
 * like runs give no verdict rather than a guess. docs/reports.md shows the numbers this was chosen on.
 *
 * @param window K, how many of the most recent like runs form the baseline
 * @param madMultiplier how many MADs of the baseline a change must exceed (before the tolerance clamps it)
 * @param minHistory fewest baseline values needed to judge
 */
public record RegressionRule(int window, double madMultiplier, int minHistory) {

  /** K = 7 like runs, 3 MAD, at least 3 like runs. */
  public static final RegressionRule DEFAULT = new RegressionRule(7, 3.0, 3);

  /** Validates the parameters. */
  public RegressionRule {
    if (window < 1) {
      throw new IllegalArgumentException("regression window must be >= 1, was " + window);
    }
    if (minHistory < 1 || minHistory > window) {
      throw new IllegalArgumentException("regression minHistory must be in [1, window=" + window + "], was " + minHistory);
    }
    if (!(madMultiplier >= 0)) {
      throw new IllegalArgumentException("regression madMultiplier must be >= 0, was " + madMultiplier);
    }
  }

  /** This rule with another window (minHistory lowered to fit it). */
  public RegressionRule withWindow(int k) {
    return new RegressionRule(k, madMultiplier, Math.min(minHistory, Math.max(1, k)));
  }

  /**
   * Judges {@code current} against the last {@link #window} non-null values of {@code history} (oldest first).
   *
   * @param metric name for the finding
   * @param direction which way is better
   * @param tolerance the metric's smallest and largest allowed move
   * @param history earlier like values, oldest first; nulls (not measured) are skipped
   * @param current the new value
   */
  public Finding judge(String metric, Direction direction, Tolerance tolerance, List<Double> history, double current) {
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
      return new Finding(metric, direction, current, Double.NaN, Double.NaN, Double.NaN, recent.size(), false,
          Finding.Status.INSUFFICIENT_HISTORY);
    }
    double[] values = recent.stream().mapToDouble(Double::doubleValue).toArray();
    double median = median(values);
    double mad = median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
    double noise = madMultiplier * mad;
    double allowed = tolerance.allowed(median, noise);
    double worsening = direction.worsening(median, current);
    Finding.Status status = worsening > allowed ? Finding.Status.REGRESSED
        : -worsening > allowed ? Finding.Status.IMPROVED : Finding.Status.WITHIN_NOISE;
    return new Finding(metric, direction, current, median, mad, allowed, recent.size(),
        tolerance.caps(median, noise), status);
  }

  /** Median of the values (mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
