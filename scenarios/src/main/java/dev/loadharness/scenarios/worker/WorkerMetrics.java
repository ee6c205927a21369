package dev.loadharness.scenarios.worker;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import dev.loadharness.runtime.metrics.ExactStatsReporter;
import dev.loadharness.runtime.metrics.IntervalRecorder;
import dev.loadharness.runtime.metrics.MetricNames;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Captures the SDK's metrics sample by sample: tally timers reach {@link #reportTimer} once per recorded
 * value, so each lands exactly in an HdrHistogram (microseconds) instead of a bucket approximation.
 * Counters arrive as deltas per report interval and are summed. A writer holds a series' monitor for one
 * record ({@link IntervalRecorder}).
 */
public final class WorkerMetrics implements StatsReporter {
  /** Gauge tags kept in a gauge's key; others (namespace, task queue, worker identity) are the same for a run. */
  private static final List<String> GAUGE_TAGS = List.of("poller_type", "worker_type", "slot_kind", "source");

  private static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(30);
  private static final Set<String> TIMERS = Set.of(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START,
      MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START,
      "temporal_workflow_task_execution_latency", "temporal_activity_execution_latency",
      "temporal_workflow_task_replay_latency", "temporal_workflow_endtoend_latency");

  private final Map<String, IntervalRecorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, Double> gauges = new ConcurrentHashMap<>();
  private final Map<String, Histogram> imported = new TreeMap<>();

  /** Records one successful poll's latency. */
  public void recordPoll(long nanos) {
    record(MetricNames.POLL_LATENCY_MS, TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  private void record(String name, long micros) {
    recorders.computeIfAbsent(name, n -> new IntervalRecorder(HIGHEST_US, 3)).record(micros);
  }

  /**
   * Returns what was recorded or imported since the previous call, one interval histogram per metric
   * (microseconds, tagged with the metric name; metrics without a sample are left out). Nothing is kept: the
   * interval log is the record ({@link IntervalFiles}). Call from one thread.
   */
  public synchronized Map<String, Histogram> drainInterval() {
    Map<String, Histogram> interval = new TreeMap<>();
    imported.forEach((name, h) -> {
      h.setTag(name);
      interval.put(name, h);
    });
    imported.clear();
    recorders.forEach((name, series) -> {
      // As the runtime's ExactMetrics: an idle series costs nothing (IntervalRecorder).
      Histogram h = series.drain();
      if (h == null) {
        return;
      }
      h.setTag(name);
      putOrAdd(interval, name, h);
    });
    return interval;
  }

  /**
   * Takes samples another metrics pipeline already recorded exactly (the adaptive runtime's), so they reach the
   * same files and gate as this reporter's own. Takes {@code micros} itself, which the caller must not use again.
   */
  public synchronized void importSamples(String name, Histogram micros) {
    if (micros.getTotalCount() > 0) {
      putOrAdd(imported, name, micros);
    }
  }

  /** Puts {@code h} under {@code name}, or adds it to the histogram already there: no copy when it is the first. */
  private static void putOrAdd(Map<String, Histogram> into, String name, Histogram h) {
    Histogram earlier = into.putIfAbsent(name, h);
    if (earlier != null) {
      earlier.add(h);
    }
  }

  /** Counter totals since start. */
  public Map<String, Long> counters() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Last value of each gauge. */
  public Map<String, Double> gauges() {
    return new TreeMap<>(gauges);
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    gauges.put(gaugeKey(name, tags), value);
  }

  /**
   * A gauge's key in {@code metrics.jsonl}: {@code name}, or {@code name{k=v,...}} with the tags that tell
   * series of one worker apart (poller, worker and slot type, source), in a fixed order.
   */
  public static String gaugeKey(String name, Map<String, String> tags) {
    if (tags == null) {
      return name;
    }
    String kept = GAUGE_TAGS.stream().filter(tags::containsKey).map(t -> t + "=" + tags.get(t))
        .collect(Collectors.joining(","));
    return kept.isEmpty() ? name : name + "{" + kept + "}";
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    // One rule for the duplicate, the runtime's: without it activity counts were up to 2x on this path.
    if (TIMERS.contains(name) && !ExactStatsReporter.isDuplicate(name, tags)) {
      record(name, interval.getNanos() / 1000);
    }
  }

  @Override
  public void reportHistogramValueSamples(
      String name, Map<String, String> tags, Buckets buckets, double lower, double upper, long samples) {
    // The SDK records no value histograms that the gate reads.
  }

  @Override
  public void reportHistogramDurationSamples(
      String name, Map<String, String> tags, Buckets buckets, Duration lower, Duration upper, long samples) {
    // The SDK's latencies arrive through reportTimer, sample by sample.
  }

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING;
  }

  @Override
  public void flush() {
    // Values are held in memory and written by IntervalFiles and WorkerMetricsSnapshot.
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
