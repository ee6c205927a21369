package dev.loadharness.reports.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latency of one metric over a run: headline percentiles in milliseconds plus the exact HdrHistogram.
 *
 * <p>The percentiles are there for people and for gates; the histogram is there so reports can draw the
 * whole distribution (and merge runs) without the loss that averaging or bucketing would add. It is
 * HdrHistogram's {@code encodeIntoCompressedByteBuffer} output, base64 encoded, with values recorded in
 * {@code histogramUnit}.
 *
 * @param count recorded samples
 * @param p50 median in ms
 * @param p90 90th percentile in ms
 * @param p95 95th percentile in ms
 * @param p99 99th percentile in ms
 * @param max largest sample in ms
 * @param histogram base64 of the compressed HdrHistogram, or null when not captured
 * @param histogramUnit unit of the histogram's values: {@code "ns"}, {@code "us"} or {@code "ms"}
 */
public record LatencySummary(
    long count, double p50, double p90, double p95, double p99, double max, String histogram,
    String histogramUnit) {

  /** Validates the count, percentile order and histogram unit. */
  public LatencySummary {
    if (count < 0) {
      throw new IllegalArgumentException("latency count must be >= 0, was " + count);
    }
    if (!(p50 <= p90 && p90 <= p95 && p95 <= p99 && p99 <= max)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "latency percentiles must not decrease: p50=%s p90=%s p95=%s p99=%s max=%s", p50, p90, p95, p99, max));
    }
    histogramUnit = histogramUnit == null ? "us" : histogramUnit;
    unitsPerMs(histogramUnit);
  }

  /**
   * Summarises a histogram whose values are in {@code unit}, keeping the encoded histogram.
   *
   * @param histogram the recorded latencies
   * @param unit the unit the values were recorded in (nanoseconds, microseconds or milliseconds)
   * @return the summary with percentiles converted to milliseconds
   */
  public static LatencySummary fromHistogram(Histogram histogram, TimeUnit unit) {
    String unitName = switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      default -> throw new IllegalArgumentException(
          "histogram unit must be NANOSECONDS, MICROSECONDS or MILLISECONDS, was " + unit);
    };
    double scale = unitsPerMs(unitName);
    if (histogram.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0, encode(histogram), unitName);
    }
    return new LatencySummary(
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50) / scale,
        histogram.getValueAtPercentile(90) / scale,
        histogram.getValueAtPercentile(95) / scale,
        histogram.getValueAtPercentile(99) / scale,
        histogram.getMaxValue() / scale,
        encode(histogram),
        unitName);
  }

  /** Encodes a histogram the way the {@code histogram} field stores it. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * Decodes the stored histogram.
   *
   * @return the histogram with values in {@link #histogramUnit()}
   * @throws IllegalStateException when no histogram was stored or it is not a valid encoding
   */
  public Histogram decodeHistogram() {
    if (histogram == null || histogram.isEmpty()) {
      throw new IllegalStateException("no encoded histogram stored for this metric");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(histogram);
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
      throw new IllegalStateException("histogram is not a base64 compressed HdrHistogram: " + e.getMessage(), e);
    }
  }

  /** Whether an encoded histogram is stored. */
  @JsonIgnore
  public boolean hasHistogram() {
    return histogram != null && !histogram.isEmpty();
  }

  /** How many histogram units make one millisecond. */
  @JsonIgnore
  public double histogramUnitsPerMs() {
    return unitsPerMs(histogramUnit);
  }

  private static double unitsPerMs(String unit) {
    return switch (unit) {
      case "ns" -> 1_000_000.0;
      case "us" -> 1_000.0;
      case "ms" -> 1.0;
      default -> throw new IllegalArgumentException(
          "latency histogram_unit must be one of ns, us, ms; was \"" + unit + "\"");
    };
  }
}
