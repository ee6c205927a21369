package dev.loadharness.runtime.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The harness exporter: each interval's histograms go to an HdrHistogram interval log (one tagged
 * histogram per series, {@code <prefix>.hlog}) and its counters and gauges to one JSON line
 * ({@code <prefix>.jsonl}), the raw material of run records and reports.
 */
public final class IntervalLogWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path histogramLog;
  private final Path jsonl;
  private final PrintStream histogramStream;
  private final HistogramLogWriter histogramWriter;
  private final BufferedWriter jsonWriter;

  /** Opens (creating the directory) {@code directory/prefix.hlog} and {@code directory/prefix.jsonl}. */
  public IntervalLogWriter(Path directory, String prefix, long startMillis) {
    try {
      Files.createDirectories(directory);
      this.histogramLog = directory.resolve(prefix + ".hlog");
      this.jsonl = directory.resolve(prefix + ".jsonl");
      this.histogramStream = new PrintStream(histogramLog.toFile(), StandardCharsets.UTF_8);
      this.histogramWriter = new HistogramLogWriter(histogramStream);
      histogramWriter.outputLogFormatVersion();
      histogramWriter.setBaseTime(startMillis);
      histogramWriter.outputBaseTime(startMillis);
      histogramWriter.outputStartTime(startMillis);
      histogramWriter.outputComment("values in microseconds; tag = metric|tag=value|...");
      histogramWriter.outputLegend();
      this.jsonWriter = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("TEMPORAL_METRICS_DIR: cannot create files in " + directory, e);
    } catch (IOException e) {
      throw new UncheckedIOException("TEMPORAL_METRICS_DIR: cannot create " + directory, e);
    }
  }

  /** The HdrHistogram interval log. */
  public Path histogramLog() {
    return histogramLog;
  }

  /** The JSONL counters/gauges file. */
  public Path jsonl() {
    return jsonl;
  }

  /** Appends one interval to both files and flushes them. */
  public synchronized void write(IntervalSnapshot snapshot) {
    new TreeMap<String, Histogram>(labelled(snapshot.histograms())).forEach((label, histogram) -> {
      if (histogram.getTotalCount() > 0) {
        histogram.setTag(label);
        histogram.setStartTimeStamp(snapshot.startMillis());
        histogram.setEndTimeStamp(snapshot.endMillis());
        histogramWriter.outputIntervalHistogram(histogram);
      }
    });
    histogramStream.flush();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("start_ms", snapshot.startMillis());
    line.put("end_ms", snapshot.endMillis());
    line.put("counters", labelled(snapshot.counterDeltas()));
    line.put("totals", labelled(snapshot.counterTotals()));
    Map<String, Double> gauges = new TreeMap<>();
    snapshot.gauges().forEach((key, value) -> {
      if (Double.isFinite(value)) {
        gauges.put(key.label(), value);
      }
    });
    line.put("gauges", gauges);
    Map<String, Map<String, Object>> timers = new TreeMap<>();
    snapshot.histograms().forEach((key, h) -> {
      if (h.getTotalCount() > 0) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", h.getTotalCount());
        summary.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
        summary.put("p95_ms", h.getValueAtPercentile(95) / 1000.0);
        summary.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
        summary.put("max_ms", h.getMaxValue() / 1000.0);
        timers.put(key.label(), summary);
      }
    });
    line.put("timers", timers);
    try {
      jsonWriter.write(JSON.writeValueAsString(line));
      jsonWriter.newLine();
      jsonWriter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + jsonl, e);
    }
  }

  private static <V> Map<String, V> labelled(Map<SeriesKey, V> values) {
    Map<String, V> result = new TreeMap<>();
    values.forEach((key, value) -> result.put(key.label(), value));
    return result;
  }

  @Override
  public synchronized void close() {
    histogramStream.close();
    try {
      jsonWriter.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + jsonl, e);
    }
  }
}
