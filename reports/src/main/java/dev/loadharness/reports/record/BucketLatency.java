package dev.loadharness.reports.record;

/**
 * A latency scraped as a Prometheus histogram over a run: counts per bucket, not samples. Each quantile is
 * known only to lie in one bucket, so it is kept as that bucket's bounds, never interpolated; gates read the
 * upper bound. An upper bound of null means the quantile lies in the {@code +Inf} bucket (above the largest
 * finite bound, which is then the lower bound).
 *
 * @param count observations in the run's window
 * @param meanMs sum / count, exact (the histogram's {@code _sum} is exact); null without observations
 * @param p50LowerMs the median is above this
 * @param p50UpperMs the median is at most this (null: unbounded)
 * @param p95LowerMs the 95th percentile is above this
 * @param p95UpperMs the 95th percentile is at most this (null: unbounded)
 * @param p99LowerMs the 99th percentile is above this
 * @param p99UpperMs the 99th percentile is at most this (null: unbounded)
 */
public record BucketLatency(long count, Double meanMs, double p50LowerMs, Double p50UpperMs, double p95LowerMs,
    Double p95UpperMs, double p99LowerMs, Double p99UpperMs) {

  /** Validates the count and that each lower bound is below its upper bound. */
  public BucketLatency {
    if (count < 0) {
      throw new IllegalArgumentException("bucket latency count must be >= 0, was " + count);
    }
    check(p50LowerMs, p50UpperMs);
    check(p95LowerMs, p95UpperMs);
    check(p99LowerMs, p99UpperMs);
  }

  private static void check(double lower, Double upper) {
    if (lower < 0 || upper != null && upper < lower) {
      throw new IllegalArgumentException("bucket bounds must satisfy 0 <= lower <= upper, were " + lower + ", " + upper);
    }
  }
}
