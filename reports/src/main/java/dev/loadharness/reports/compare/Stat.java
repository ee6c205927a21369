package dev.loadharness.reports.compare;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Median and range of a handful of values (one per round). The median, not the mean: one round hit by
 * a noisy neighbour must not move the summary.
 */
public record Stat(int n, double median, double min, double max) {

  /** The statistic of {@code values}, or empty when there are none. */
  public static Optional<Stat> of(Collection<Double> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return Optional.of(new Stat(n, median, sorted[0], sorted[n - 1]));
  }

  /** Convenience for tests and literals. */
  public static Optional<Stat> of(double... values) {
    return of(Arrays.stream(values).boxed().toList());
  }
}
