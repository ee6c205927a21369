package dev.loadharness.scenarios.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The worker's per-interval record: {@code intervals.hlog} (HdrHistogram interval log, one tagged
 * histogram per metric per interval, microseconds) and {@code metrics.jsonl} (one line per interval with
 * counter totals and gauges). These are the raw material for time series; metrics.json holds the totals.
 */
final class IntervalFiles implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream hlog;
  private final HistogramLogWriter histograms;
  private final Path jsonl;
  private final long startMs = System.currentTimeMillis();

  IntervalFiles(Path dir) {
    try {
      this.hlog = new PrintStream(dir.resolve("intervals.hlog").toFile(), "UTF-8");
    } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
      throw new UncheckedIOException(new IOException("cannot create " + dir.resolve("intervals.hlog"), e));
    }
    this.histograms = new HistogramLogWriter(hlog);
    histograms.outputLogFormatVersion();
    histograms.outputStartTime(startMs);
    histograms.setBaseTime(startMs);
    histograms.outputLegend();
    this.jsonl = dir.resolve("metrics.jsonl");
  }

  /** Appends one interval: the metrics' interval histograms and the current counters and gauges. */
  synchronized void append(Map<String, Histogram> interval, WorkerMetrics metrics, long nowMs) {
    for (Histogram h : interval.values()) {
      h.setStartTimeStamp(nowMs - 1000);
      h.setEndTimeStamp(nowMs);
      histograms.outputIntervalHistogram(h);
    }
    hlog.flush();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts_ms", nowMs);
    line.put("elapsed_s", (nowMs - startMs) / 1000.0);
    line.put("counters", metrics.counters());
    line.put("gauges", metrics.gauges());
    try {
      Files.writeString(jsonl, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    hlog.close();
  }
}
