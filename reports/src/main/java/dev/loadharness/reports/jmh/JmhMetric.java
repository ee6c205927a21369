package dev.loadharness.reports.jmh;

import java.util.Map;

/**
 * One JMH metric (primary or secondary) as written by {@code -rf json}.
 *
 * @param score the estimate (mean for throughput and average-time modes)
 * @param scoreError half-width of the 99.9% confidence interval; NaN when JMH had too few samples
 * @param scoreUnit unit such as {@code ops/s} or {@code us/op}
 * @param scorePercentiles percentile (as text, e.g. {@code "99.0"}) to value, for sample-time modes
 */
public record JmhMetric(double score, double scoreError, String scoreUnit, Map<String, Double> scorePercentiles) {

  /** Validates the unit and freezes the percentiles. */
  public JmhMetric {
    if (scoreUnit == null || scoreUnit.isBlank()) {
      throw new IllegalArgumentException("JMH metric scoreUnit must be non-blank");
    }
    scorePercentiles = scorePercentiles == null ? Map.of() : Map.copyOf(scorePercentiles);
  }

  /** Whether a higher score is better: rates ({@code ops/...}) are, times per operation are not. */
  public boolean higherIsBetter() {
    return scoreUnit.startsWith("ops/");
  }
}
