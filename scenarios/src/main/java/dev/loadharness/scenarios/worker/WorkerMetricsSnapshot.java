package dev.loadharness.scenarios.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What one worker process measured, as written to {@code workers/<id>/metrics.json}: cumulative
 * histograms (microseconds, compressed HdrHistogram in Base64), counters, gauges and its own CPU use.
 */
public record WorkerMetricsSnapshot(
    @JsonProperty("worker_id") String workerId,
    @JsonProperty("uptime_ms") long uptimeMs,
    @JsonProperty("process_cpu_ms") long processCpuMs,
    @JsonProperty("heap_used_max_bytes") long heapUsedMaxBytes,
    @JsonProperty("gc_pause_total_ms") long gcPauseTotalMs,
    Map<String, String> histograms,
    Map<String, Long> counters,
    Map<String, Double> gauges) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Encodes {@code histogram} compressed, Base64. */
  public static String encode(Histogram histogram) {
    return encode(histogram, ByteBuffer.allocate(histogram.getNeededByteBufferCapacity()));
  }

  /** Encodes {@code histogram} compressed, Base64, through {@code buffer} (cleared, at least its needed capacity). */
  static String encode(Histogram histogram, ByteBuffer buffer) {
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The histogram {@code name} decoded, or an empty one. */
  public Histogram histogram(String name) {
    String encoded = histograms == null ? null : histograms.get(name);
    if (encoded == null) {
      return new Histogram(3);
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(workerId + ": histogram " + name + " is corrupt", e);
    }
  }

  /** The counter {@code name}, or 0. */
  public long counter(String name) {
    return counters == null ? 0 : counters.getOrDefault(name, 0L);
  }

  /**
   * Each worker's figures since its snapshot in {@code baseline} (same worker id): histograms and counters
   * minus the baseline's, so a warm-up phase is left out. Workers without a baseline are kept whole.
   */
  public static java.util.List<WorkerMetricsSnapshot> minus(
      java.util.List<WorkerMetricsSnapshot> current, java.util.List<WorkerMetricsSnapshot> baseline) {
    java.util.List<WorkerMetricsSnapshot> out = new java.util.ArrayList<>();
    for (WorkerMetricsSnapshot now : current) {
      WorkerMetricsSnapshot before = baseline.stream().filter(b -> b.workerId().equals(now.workerId())).findFirst()
          .orElse(null);
      out.add(before == null ? now : now.minus(before));
    }
    return out;
  }

  private WorkerMetricsSnapshot minus(WorkerMetricsSnapshot before) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String name : histograms.keySet()) {
      Histogram diff = histogram(name);
      Histogram earlier = before.histogram(name);
      if (earlier.getTotalCount() > 0) {
        diff.subtract(earlier);
      }
      h.put(name, encode(diff));
    }
    Map<String, Long> c = new java.util.TreeMap<>();
    counters.forEach((name, value) -> c.put(name, value - before.counter(name)));
    return new WorkerMetricsSnapshot(workerId, uptimeMs, processCpuMs, heapUsedMaxBytes, gcPauseTotalMs, h, c, gauges);
  }

  /** Builds a snapshot from live metrics. */
  static WorkerMetricsSnapshot of(String workerId, long uptimeMs, long cpuMs, long heapMax, long gcMs,
      WorkerMetrics metrics) {
    return new WorkerMetricsSnapshot(workerId, uptimeMs, cpuMs, heapMax, gcMs, metrics.encodedHistograms(),
        metrics.counters(),
        metrics.gauges());
  }

  /** Writes atomically (temp file + move) so a reader never sees half a file. */
  public void write(Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a snapshot file. */
  public static WorkerMetricsSnapshot read(Path file) {
    try {
      return JSON.readValue(file.toFile(), WorkerMetricsSnapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read worker metrics " + file, e);
    }
  }
}
