package dev.loadharness.scenarios.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * What one worker process measured, as written to {@code workers/<id>/metrics.json}: counter totals, gauges,
 * its own CPU use, and how far its interval log ({@link IntervalFiles}) had been written, which is where a run
 * that takes this snapshot as its warm-up baseline starts reading latencies.
 *
 * @param intervalsOffset the length of {@code intervals.hlog} in bytes when this snapshot was written; in one
 *     returned by {@link #minus}, the offset its measured intervals start at
 */
public record WorkerMetricsSnapshot(
    @JsonProperty("worker_id") String workerId,
    @JsonProperty("uptime_ms") long uptimeMs,
    @JsonProperty("process_cpu_ms") long processCpuMs,
    @JsonProperty("heap_used_max_bytes") long heapUsedMaxBytes,
    @JsonProperty("gc_pause_total_ms") long gcPauseTotalMs,
    @JsonProperty("intervals_offset") long intervalsOffset,
    Map<String, Long> counters,
    Map<String, Double> gauges) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The counter {@code name}, or 0. */
  public long counter(String name) {
    return counters == null ? 0 : counters.getOrDefault(name, 0L);
  }

  /**
   * Each worker's counters since its snapshot in {@code baseline} (same worker id), so a warm-up phase is left
   * out, with the baseline's intervals offset: the latencies to read are the intervals after it. Workers
   * without a baseline are kept whole.
   */
  public static java.util.List<WorkerMetricsSnapshot> minus(
      java.util.List<WorkerMetricsSnapshot> current, java.util.List<WorkerMetricsSnapshot> baseline) {
    java.util.List<WorkerMetricsSnapshot> out = new java.util.ArrayList<>();
    for (WorkerMetricsSnapshot now : current) {
      WorkerMetricsSnapshot before = baseline.stream().filter(b -> b.workerId().equals(now.workerId())).findFirst()
          .orElse(null);
      out.add(now.since(before));
    }
    return out;
  }

  /** This snapshot's counters since {@code before} and its intervals from before's offset; null: since start. */
  private WorkerMetricsSnapshot since(WorkerMetricsSnapshot before) {
    Map<String, Long> c = new java.util.TreeMap<>();
    counters.forEach((name, value) -> c.put(name, value - (before == null ? 0 : before.counter(name))));
    return new WorkerMetricsSnapshot(workerId, uptimeMs, processCpuMs, heapUsedMaxBytes, gcPauseTotalMs,
        before == null ? 0 : before.intervalsOffset, c, gauges);
  }

  /** Builds a snapshot from live metrics. */
  static WorkerMetricsSnapshot of(String workerId, long uptimeMs, long cpuMs, long heapMax, long gcMs,
      long intervalsOffset, WorkerMetrics metrics) {
    return new WorkerMetricsSnapshot(workerId, uptimeMs, cpuMs, heapMax, gcMs, intervalsOffset, metrics.counters(),
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
