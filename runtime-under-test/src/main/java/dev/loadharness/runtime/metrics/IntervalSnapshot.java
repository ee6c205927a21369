package dev.loadharness.runtime.metrics;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded during one interval.
 *
 * @param startMillis interval start, epoch milliseconds
 * @param endMillis interval end, epoch milliseconds
 * @param histograms timer samples of the interval per series with at least one, in microseconds
 * @param counterDeltas counter increments during the interval
 * @param counterTotals counter values since start
 * @param gauges last gauge values
 */
public record IntervalSnapshot(
    long startMillis,
    long endMillis,
    Map<SeriesKey, Histogram> histograms,
    Map<SeriesKey, Long> counterDeltas,
    Map<SeriesKey, Long> counterTotals,
    Map<SeriesKey, Double> gauges) {

  /** Sum of the interval deltas of every series named {@code name}. */
  public long delta(String name) {
    return counterDeltas.entrySet().stream().filter(e -> e.getKey().name().equals(name))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** All interval samples of every series named {@code name}, merged (microseconds). */
  public Histogram merged(String name) {
    // Auto-resizing: as large as the values merged need, so a name without samples costs a few bytes, not a
    // 1-hour histogram's ~190 KB, every interval.
    Histogram merged = new Histogram(ExactMetrics.SIGNIFICANT_DIGITS);
    histograms.forEach((key, histogram) -> {
      if (key.name().equals(name)) {
        merged.add(histogram);
      }
    });
    return merged;
  }
}
