package dev.loadharness.gatling.scrape;

import dev.loadharness.reports.record.BucketLatency;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.ScrapedMetrics;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.scenarios.spec.Metric;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A deployed worker fleet's metrics from its Prometheus endpoints, under the names the SDK's Micrometer
 * registry exports (timers as {@code _seconds} histograms, counters as {@code _total}) and the runtime's
 * successful-poll histogram: schedule-to-start, poll latency, sticky hits and misses, slots, pollers.
 * Latencies are bucket bounds (the gate reads the upper bound); counters are exact deltas over the window.
 * SDK 1.38 records activity schedule-to-start twice per task (sdk-java#2733) on plain SDK workers, which
 * doubles that count but not its quantiles.
 */
public final class FleetScrape {
  static final String WORKFLOW_S2S = MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START + "_seconds";
  static final String ACTIVITY_S2S = MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START + "_seconds";
  static final String POLL = MetricNames.POLL_LATENCY_MS;
  static final String HITS = MetricNames.SDK_STICKY_HIT + "_total";
  static final String MISSES = MetricNames.SDK_STICKY_MISS + "_total";

  /** The sample names a fleet scrape keeps. */
  public static final Predicate<String> KEEP = name -> name.startsWith(WORKFLOW_S2S) || name.startsWith(ACTIVITY_S2S)
      || name.startsWith(POLL) || name.equals(HITS) || name.equals(MISSES) || name.equals(MetricNames.SDK_SLOTS_USED)
      || name.equals(MetricNames.SDK_SLOTS_AVAILABLE) || name.equals(MetricNames.SDK_NUM_POLLERS);

  private FleetScrape() {}

  /**
   * What the fleet did in the window.
   *
   * @param metrics for the record
   * @param columns series columns, one value per driver tick
   * @param stickyHits sticky cache hits (exact: a counter's delta)
   * @param stickyMisses sticky cache misses
   * @param gate values the gate reads for the latency bars (p95 upper bounds, ms)
   */
  public record Result(ScrapedMetrics metrics, Map<SeriesColumn, List<Double>> columns, long stickyHits,
      long stickyMisses, Map<Metric, Double> gate) {}

  /** The fleet's figures from {@code scrapes} for the window starting at {@code startMs}, lined up with {@code ticks}. */
  public static Result of(Map<URI, List<Scrape>> scrapes, int failures, Optional<String> lastError, long startMs,
      List<Long> ticks) {
    BucketHistogram wf = BucketHistogram.empty();
    BucketHistogram act = BucketHistogram.empty();
    BucketHistogram poll = BucketHistogram.empty();
    double hits = 0;
    double misses = 0;
    double seconds = 0;
    int count = 0;
    for (List<Scrape> list : scrapes.values()) {
      count += list.size();
      Optional<Window> w = Window.of(list, startMs);
      if (w.isEmpty()) {
        continue;
      }
      Scrape a = w.get().first();
      Scrape b = w.get().last();
      wf = wf.plus(b.histogram(WORKFLOW_S2S, s -> true).minus(a.histogram(WORKFLOW_S2S, s -> true)));
      act = act.plus(b.histogram(ACTIVITY_S2S, s -> true).minus(a.histogram(ACTIVITY_S2S, s -> true)));
      poll = poll.plus(b.histogram(POLL, s -> true).minus(a.histogram(POLL, s -> true)));
      hits += Math.max(0, b.sum(HITS, s -> true) - a.sum(HITS, s -> true));
      misses += Math.max(0, b.sum(MISSES, s -> true) - a.sum(MISSES, s -> true));
      seconds = Math.max(seconds, w.get().seconds());
    }
    Map<String, BucketLatency> latency = new LinkedHashMap<>();
    Latencies.of(wf, 1000).ifPresent(l -> latency.put(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, l));
    Latencies.of(act, 1000).ifPresent(l -> latency.put(RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START, l));
    Latencies.of(poll, 1).ifPresent(l -> latency.put(RunRecord.LATENCY_POLL, l));
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("sticky_cache_hits", hits);
    values.put("sticky_cache_misses", misses);
    Map<Metric, Double> gate = new EnumMap<>(Metric.class);
    Latencies.p95Upper(wf, 1000).ifPresent(v -> gate.put(Metric.WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS, v));
    Latencies.p95Upper(act, 1000).ifPresent(v -> gate.put(Metric.ACTIVITY_SCHEDULE_TO_START_P95_MS, v));
    Latencies.p95Upper(poll, 1).ifPresent(v -> gate.put(Metric.POLL_P95_MS, v));
    ScrapedMetrics metrics = new ScrapedMetrics(ScrapedMetrics.SOURCE_PROMETHEUS_BUCKETS,
        scrapes.keySet().stream().map(URI::toString).toList(), count, failures, seconds, latency, values,
        lastError.orElse(null));
    return new Result(metrics, columns(scrapes, ticks), Math.round(hits), Math.round(misses), gate);
  }

  /** Slots, pollers and the sticky ratio per tick, summed over the workers that had been scraped by then. */
  static Map<SeriesColumn, List<Double>> columns(Map<URI, List<Scrape>> scrapes, List<Long> ticks) {
    Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
    for (SeriesColumn c : List.of(SeriesColumn.WORKFLOW_SLOT_LIMIT, SeriesColumn.ACTIVITY_SLOT_LIMIT,
        SeriesColumn.SLOTS_USED, SeriesColumn.POLLERS, SeriesColumn.STICKY_HIT_RATIO)) {
      columns.put(c, new ArrayList<>());
    }
    List<Scrape> previous = null;
    for (long tick : ticks) {
      List<Scrape> now = scrapes.values().stream().map(l -> Window.at(l, tick)).filter(s -> s != null).toList();
      if (now.isEmpty()) {
        columns.values().forEach(v -> v.add(null));
        continue;
      }
      columns.get(SeriesColumn.WORKFLOW_SLOT_LIMIT).add(limit(now, "WorkflowWorker"));
      columns.get(SeriesColumn.ACTIVITY_SLOT_LIMIT).add(limit(now, "ActivityWorker"));
      columns.get(SeriesColumn.SLOTS_USED).add(present(now, MetricNames.SDK_SLOTS_USED, s -> s.label("worker_type")
          .equals("WorkflowWorker") || s.label("worker_type").equals("ActivityWorker")));
      columns.get(SeriesColumn.POLLERS).add(present(now, MetricNames.SDK_NUM_POLLERS, s -> true));
      columns.get(SeriesColumn.STICKY_HIT_RATIO).add(previous == null ? null : ratio(previous, now));
      previous = now;
    }
    return columns;
  }

  private static Double limit(List<Scrape> now, String workerType) {
    Predicate<PromSample> type = s -> s.label("worker_type").equals(workerType);
    Double used = present(now, MetricNames.SDK_SLOTS_USED, type);
    Double available = present(now, MetricNames.SDK_SLOTS_AVAILABLE, type);
    return used == null || available == null ? null : used + available;
  }

  private static Double present(List<Scrape> now, String name, Predicate<PromSample> filter) {
    if (now.stream().noneMatch(s -> s.has(name))) {
      return null;
    }
    return now.stream().mapToDouble(s -> s.sum(name, filter)).sum();
  }

  private static Double ratio(List<Scrape> before, List<Scrape> now) {
    double hits = now.stream().mapToDouble(s -> s.sum(HITS, x -> true)).sum()
        - before.stream().mapToDouble(s -> s.sum(HITS, x -> true)).sum();
    double misses = now.stream().mapToDouble(s -> s.sum(MISSES, x -> true)).sum()
        - before.stream().mapToDouble(s -> s.sum(MISSES, x -> true)).sum();
    return hits + misses > 0 && hits >= 0 && misses >= 0 ? hits / (hits + misses) : null;
  }
}
