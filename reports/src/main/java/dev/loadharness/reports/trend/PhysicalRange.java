package dev.loadharness.reports.trend;

/**
 * The values a metric can physically take (latency and throughput are never negative, a ratio stays
 * within 0..1); band lines drawn around a baseline are clipped to it.
 *
 * @param min smallest possible value
 * @param max largest possible value
 */
public record PhysicalRange(double min, double max) {

  /** Non-negative quantities: latencies, rates, counts, CPU, heap. */
  public static final PhysicalRange NON_NEGATIVE = new PhysicalRange(0, Double.POSITIVE_INFINITY);
  /** Ratios such as the sticky cache hit ratio. */
  public static final PhysicalRange RATIO = new PhysicalRange(0, 1);

  /** Validates the order. */
  public PhysicalRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("physical range needs min <= max, was " + min + ".." + max);
    }
  }

  /** {@code v} clipped into the range; null stays null. */
  public Double clip(Double v) {
    return v == null ? null : Math.max(min, Math.min(max, v));
  }
}
