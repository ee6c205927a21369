package dev.loadharness.gatling.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadharness.reports.record.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each worker's per-second {@code metrics.jsonl} into the run's time series, lined up with the
 * driver's progress ticks by wall-clock time: pollers (every poller gauge, summed over workers) and
 * the sticky hit ratio of each interval (hits and misses added since the previous tick). At a tick a
 * worker contributes its latest sample at or before it; a tick no worker has reported at yet, or an
 * interval without sticky traffic, stays empty (null) so a chart shows a gap, not a made-up zero.
 */
final class WorkerSeries {
  private static final Logger log = LoggerFactory.getLogger(WorkerSeries.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String POLLERS_GAUGE = "temporal_num_pollers";
  static final String STICKY_HIT = "temporal_sticky_cache_hit";
  static final String STICKY_MISS = "temporal_sticky_cache_miss";

  private WorkerSeries() {}

  /** One line of a worker's metrics.jsonl. */
  record Sample(long tsMs, Map<String, Double> counters, Map<String, Double> gauges) {}

  /** The pollers and sticky_hit_ratio columns, one value per tick; empty when no worker wrote samples. */
  static Map<String, List<Double>> columns(List<Path> workerJsonl, List<Long> tickWallMs) {
    List<List<Sample>> workers = workerJsonl.stream().map(WorkerSeries::read).filter(w -> !w.isEmpty()).toList();
    if (workers.isEmpty()) {
      return Map.of();
    }
    List<Double> pollers = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    double previousHits = 0;
    double previousMisses = 0;
    for (long tick : tickWallMs) {
      List<Sample> latest = workers.stream().map(w -> latestAtOrBefore(w, tick)).filter(Objects::nonNull).toList();
      if (latest.isEmpty()) {
        pollers.add(null);
        ratio.add(null);
        continue;
      }
      pollers.add(latest.stream().mapToDouble(s -> sum(s.gauges(), POLLERS_GAUGE)).sum());
      double hits = latest.stream().mapToDouble(s -> sum(s.counters(), STICKY_HIT)).sum();
      double misses = latest.stream().mapToDouble(s -> sum(s.counters(), STICKY_MISS)).sum();
      double newHits = hits - previousHits;
      double newMisses = misses - previousMisses;
      ratio.add(newHits + newMisses > 0 ? newHits / (newHits + newMisses) : null);
      previousHits = hits;
      previousMisses = misses;
    }
    Map<String, List<Double>> columns = new LinkedHashMap<>();
    columns.put(TimeSeries.POLLERS, pollers);
    columns.put(TimeSeries.STICKY_HIT_RATIO, ratio);
    return columns;
  }

  private static Sample latestAtOrBefore(List<Sample> samples, long tickMs) {
    Sample latest = null;
    for (Sample sample : samples) {
      if (sample.tsMs() > tickMs) {
        break;
      }
      latest = sample;
    }
    return latest;
  }

  /** The metric itself plus every tagged variant of it ({@code name{tag}}). */
  private static double sum(Map<String, Double> values, String name) {
    double total = 0;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** The file's samples in time order; a missing file or an unreadable line is skipped with a log line. */
  static List<Sample> read(Path jsonl) {
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
          samples.add(new Sample(node.path("ts_ms").asLong(), numbers(node.path("counters")), numbers(node.path("gauges"))));
        } catch (IOException e) {
          // A worker killed mid-write (the worker-restart scenario) leaves a truncated last line.
          log.warn("{}:{}: skipped an unreadable metrics line ({})", jsonl, lineNumber, e.getMessage());
        }
      }
    } catch (IOException e) {
      log.warn("cannot read worker metrics {}: {}", jsonl, e.getMessage());
    }
    samples.sort(java.util.Comparator.comparingLong(Sample::tsMs));
    return samples;
  }

  private static Map<String, Double> numbers(JsonNode object) {
    Map<String, Double> values = new HashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
    return values;
  }
}
