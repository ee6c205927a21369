package dev.loadharness.scenarios.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's per-interval record, writer and reader side by side: {@code intervals.hlog} (HdrHistogram
 * interval log, one tagged histogram per metric per interval, microseconds), read back from a byte offset by
 * {@link #histograms(Path, long)}, and {@code metrics.jsonl} (one {@link Sample} per interval: counter totals,
 * gauges, process CPU, the JIT compiler's share of it, and heap), read back by {@link #read(Path)}.
 *
 * <p>The interval log is the only place a worker's latencies are kept: a run measures the intervals after the
 * offset its warm-up snapshot names ({@link WorkerMetricsSnapshot#intervalsOffset()}). Keeping a cumulative
 * histogram per metric beside it, re-encoded into the snapshot each second, cost the adaptive worker a tenth of
 * its CPU in a 20 wf/s run, since that once-a-second loop still runs in the interpreter minutes in.
 */
public final class IntervalFiles implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IntervalFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileOutputStream hlogFile;
  private final PrintStream hlog;
  private final HistogramLogWriter histograms;
  private final Path jsonl;
  private final long startMs = System.currentTimeMillis();

  IntervalFiles(WorkerFiles files) {
    try {
      this.hlogFile = new FileOutputStream(files.intervals().toFile());
      this.hlog = new PrintStream(hlogFile, false, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot create " + files.intervals(), e));
    }
    this.histograms = new HistogramLogWriter(hlog);
    histograms.outputLogFormatVersion();
    histograms.outputStartTime(startMs);
    histograms.setBaseTime(startMs);
    histograms.outputLegend();
    this.jsonl = files.samples();
  }

  /**
   * One line of {@code metrics.jsonl}.
   *
   * @param tsMs when it was written, epoch ms
   * @param cpuMs the worker process's CPU time since it started, ms (-1 in files that predate the field)
   * @param jitCpuMs the part of {@code cpuMs} its JIT compiler threads used, ms (-1 where it cannot be read, and in
   *     files that predate the field)
   * @param heapUsedBytes used heap at {@code tsMs} (-1 in files that predate the field)
   * @param counters counter totals since start
   * @param gauges last gauge values, keyed {@code name} or {@code name{k=v,...}} ({@link WorkerMetrics#gaugeKey})
   */
  public record Sample(long tsMs, long cpuMs, long jitCpuMs, long heapUsedBytes, Map<String, Double> counters,
      Map<String, Double> gauges) {

    /** The sum of every counter named {@code name}, whatever its tags. */
    public double counter(String name) {
      return sum(counters, name, key -> true);
    }

    /** The sum of every gauge named {@code name} whose key passes {@code tags} (the whole key is tested). */
    public double gauge(String name, Predicate<String> tags) {
      return sum(gauges, name, tags);
    }

    /** Whether some gauge named {@code name} whose key passes {@code tags} was written. */
    public boolean hasGauge(String name, Predicate<String> tags) {
      return gauges.keySet().stream().anyMatch(k -> named(k, name) && tags.test(k));
    }

    private static double sum(Map<String, Double> values, String name, Predicate<String> tags) {
      double total = 0;
      for (Map.Entry<String, Double> e : values.entrySet()) {
        if (named(e.getKey(), name) && tags.test(e.getKey())) {
          total += e.getValue();
        }
      }
      return total;
    }

    private static boolean named(String key, String name) {
      return key.equals(name) || key.startsWith(name + "{");
    }
  }

  /**
   * Appends one interval: the metrics' interval histograms and a {@link Sample} line. Returns the interval log's
   * length after it, in bytes: the offset from which {@link #histograms(Path, long)} reads what comes later.
   */
  synchronized long append(Map<String, Histogram> interval, WorkerMetrics metrics, long nowMs, long cpuMs,
      long jitCpuMs, long heapUsedBytes) {
    for (Histogram h : interval.values()) {
      h.setStartTimeStamp(nowMs - 1000);
      h.setEndTimeStamp(nowMs);
      histograms.outputIntervalHistogram(h);
    }
    hlog.flush();
    long offset;
    try {
      offset = hlogFile.getChannel().position();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts_ms", nowMs);
    line.put("elapsed_s", (nowMs - startMs) / 1000.0);
    line.put("cpu_ms", cpuMs);
    line.put("jit_cpu_ms", jitCpuMs);
    line.put("heap_used_bytes", heapUsedBytes);
    line.put("counters", metrics.counters());
    line.put("gauges", metrics.gauges());
    try {
      Files.writeString(jsonl, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return offset;
  }

  @Override
  public synchronized void close() {
    hlog.close();
  }

  /**
   * Each metric's samples in the intervals of {@code hlog} that start at byte {@code fromOffset} or later, merged
   * (microseconds). A file shorter than the offset was written anew by a restarted worker and is read whole; a
   * missing file has none; a truncated last interval (a worker killed mid-write) ends the reading.
   */
  public static Map<String, Histogram> histograms(Path hlog, long fromOffset) {
    Map<String, Histogram> merged = new TreeMap<>();
    if (!Files.isRegularFile(hlog)) {
      return merged;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(hlog))) {
      if (Files.size(hlog) >= fromOffset) {
        in.skipNBytes(fromOffset);
      }
      HistogramLogReader reader = new HistogramLogReader(in);
      while (true) {
        EncodableHistogram next;
        try {
          // Every interval whatever its time stamp: a reader that starts past the header has no start time to
          // make them absolute by, and the offset, not the time, says which intervals are wanted.
          next = reader.nextIntervalHistogram(-Double.MAX_VALUE, Double.MAX_VALUE);
        } catch (RuntimeException e) {
          log.warn("{}: stopped at an unreadable interval ({})", hlog, e.getMessage());
          break;
        }
        if (next == null) {
          break;
        }
        if (next instanceof Histogram h && next.getTag() != null) {
          merged.computeIfAbsent(next.getTag(), t -> new Histogram(3)).add(h);
        }
      }
    } catch (IOException e) {
      log.warn("cannot read worker intervals {}: {}", hlog, e.getMessage());
    }
    return merged;
  }

  /** The samples of a {@code metrics.jsonl} in time order; a missing file or unreadable line is skipped. */
  public static List<Sample> read(Path jsonl) {
    List<Sample> samples = new ArrayList<>();
    if (!Files.isRegularFile(jsonl)) {
      return samples;
    }
    try {
      int lineNumber = 0;
      for (String line : Files.readAllLines(jsonl)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          samples.add(new Sample(node.path("ts_ms").asLong(), node.path("cpu_ms").asLong(-1),
              node.path("jit_cpu_ms").asLong(-1), node.path("heap_used_bytes").asLong(-1), numbers(node.path("counters")), numbers(node.path("gauges"))));
        } catch (IOException e) {
          // A worker killed mid-write (the worker-restart scenario) leaves a truncated last line.
          log.warn("{}:{}: skipped an unreadable metrics line ({})", jsonl, lineNumber, e.getMessage());
        }
      }
    } catch (IOException e) {
      log.warn("cannot read worker metrics {}: {}", jsonl, e.getMessage());
    }
    samples.sort(Comparator.comparingLong(Sample::tsMs));
    return samples;
  }

  private static Map<String, Double> numbers(JsonNode object) {
    Map<String, Double> values = new HashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
    return values;
  }
}
