package dev.loadharness.gatling.scrape;

import dev.loadharness.reports.record.BucketLatency;
import java.util.Optional;

/** Turns a scraped histogram into the record's {@link BucketLatency}. */
public final class Latencies {
  private Latencies() {}

  /** The bucket bounds of p50, p95 and p99 in ms ({@code scale}: ms per histogram unit); empty without observations. */
  public static Optional<BucketLatency> of(BucketHistogram h, double scale) {
    if (h.count() == 0) {
      return Optional.empty();
    }
    BucketHistogram.Bounds p50 = h.quantile(0.50, scale).orElseThrow();
    BucketHistogram.Bounds p95 = h.quantile(0.95, scale).orElseThrow();
    BucketHistogram.Bounds p99 = h.quantile(0.99, scale).orElseThrow();
    return Optional.of(new BucketLatency(h.count(), h.sum() * scale / h.count(), p50.lower(), finite(p50.upper()),
        p95.lower(), finite(p95.upper()), p99.lower(), finite(p99.upper())));
  }

  /** The p95's upper bound in ms, infinite when it lies in the +Inf bucket; empty without observations. */
  public static Optional<Double> p95Upper(BucketHistogram h, double scale) {
    return h.quantile(0.95, scale).map(BucketHistogram.Bounds::upper);
  }

  private static Double finite(double v) {
    return Double.isInfinite(v) ? null : v;
  }
}
