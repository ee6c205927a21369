package dev.loadharness.gatling.scrape;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A Prometheus histogram as scraped: cumulative counts per upper bound ({@code le}), summed over the series
 * a filter selects. Buckets are not samples: a quantile is only known to lie in the bucket that holds its
 * rank, so {@link #quantile} returns that bucket's bounds instead of an interpolated guess, and gates read
 * the upper bound (the quantile cannot be larger).
 */
public final class BucketHistogram {
  private final NavigableMap<Double, Double> cumulative;
  private final double sum;

  private BucketHistogram(NavigableMap<Double, Double> cumulative, double sum) {
    this.cumulative = cumulative;
    this.sum = sum;
  }

  /** An empty histogram. */
  public static BucketHistogram empty() {
    return new BucketHistogram(new TreeMap<>(), 0);
  }

  /** The histogram {@code family} (its {@code _bucket} and {@code _sum} samples) over the series {@code filter} selects. */
  public static BucketHistogram of(List<PromSample> samples, String family, Predicate<PromSample> filter) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    double sum = 0;
    for (PromSample s : samples) {
      if (!filter.test(s)) {
        continue;
      }
      if (s.name().equals(family + "_bucket")) {
        String le = s.label("le");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, s.value(), Double::sum);
      } else if (s.name().equals(family + "_sum")) {
        sum += s.value();
      }
    }
    return new BucketHistogram(buckets, sum);
  }

  /** What was recorded after {@code earlier} (counters only grow; a restarted process shows as negative, clamped). */
  public BucketHistogram minus(BucketHistogram earlier) {
    NavigableMap<Double, Double> delta = new TreeMap<>();
    cumulative.forEach((le, count) -> delta.put(le, Math.max(0, count - earlier.cumulative.getOrDefault(le, 0.0))));
    return new BucketHistogram(delta, Math.max(0, sum - earlier.sum));
  }

  /** This and {@code other} together (several workers). */
  public BucketHistogram plus(BucketHistogram other) {
    NavigableMap<Double, Double> total = new TreeMap<>(cumulative);
    other.cumulative.forEach((le, count) -> total.merge(le, count, Double::sum));
    return new BucketHistogram(total, sum + other.sum);
  }

  /** Observations counted (the {@code +Inf} bucket, or the largest bucket when it is missing). */
  public long count() {
    return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
  }

  /** Sum of the observed values, in the histogram's unit. */
  public double sum() {
    return sum;
  }

  /**
   * The bucket that holds quantile {@code q} (0 &lt; q &lt;= 1) of the observations, bounds scaled by
   * {@code scale} (1000 for seconds to ms); empty when nothing was observed.
   */
  public java.util.Optional<Bounds> quantile(double q, double scale) {
    long count = count();
    if (count == 0) {
      return java.util.Optional.empty();
    }
    double rank = Math.ceil(q * count);
    double lower = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        return java.util.Optional.of(new Bounds(lower * scale, bucket.getKey() * scale));
      }
      lower = bucket.getKey();
    }
    return java.util.Optional.of(new Bounds(lower * scale, Double.POSITIVE_INFINITY));
  }

  /**
   * Where a quantile lies: above {@code lower}, at most {@code upper} (infinite when it is in the {@code +Inf}
   * bucket).
   */
  public record Bounds(double lower, double upper) {}
}
