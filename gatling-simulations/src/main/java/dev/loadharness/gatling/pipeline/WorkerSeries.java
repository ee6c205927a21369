package dev.loadharness.gatling.pipeline;

import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.scenarios.worker.IntervalFiles;
import dev.loadharness.scenarios.worker.IntervalFiles.Sample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Folds each worker's per-second {@link IntervalFiles} samples into the run's time series, lined up with the
 * driver's ticks by wall-clock time. At a tick a worker contributes its latest sample at or before it; a
 * tick no worker has reported at yet stays empty (null) so a chart shows a gap, not a made-up zero.
 *
 * <p>Slot limits: the adaptive runtime reports its limit per slot kind
 * ({@value MetricNames#CONCURRENCY_LIMIT}); the SDK's tuners report free and used slots per worker type,
 * whose sum is their limit. Rates (CPU, sticky ratio) are differences between consecutive ticks.
 */
final class WorkerSeries {
  private static final double MIB = 1024.0 * 1024.0;

  private WorkerSeries() {}

  /** Every worker column, one value per tick; empty when no worker wrote samples. */
  static Map<SeriesColumn, List<Double>> columns(List<List<Sample>> perWorker, List<Long> tickWallMs) {
    List<List<Sample>> workers = perWorker.stream().filter(w -> !w.isEmpty()).toList();
    Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
    if (workers.isEmpty()) {
      return columns;
    }
    for (SeriesColumn c : List.of(SeriesColumn.WORKFLOW_SLOT_LIMIT, SeriesColumn.ACTIVITY_SLOT_LIMIT,
        SeriesColumn.SLOTS_USED, SeriesColumn.SLOTS_WAITING, SeriesColumn.POLLERS, SeriesColumn.STICKY_HIT_RATIO,
        SeriesColumn.WORKER_CPU_PERCENT, SeriesColumn.HEAP_USED_MB)) {
      columns.put(c, new ArrayList<>());
    }
    List<Sample> previous = null;
    for (long tick : tickWallMs) {
      List<Sample> latest = workers.stream().map(w -> latestAtOrBefore(w, tick)).toList();
      if (latest.stream().allMatch(Objects::isNull)) {
        columns.values().forEach(v -> v.add(null));
        continue;
      }
      List<Sample> now = latest.stream().filter(Objects::nonNull).toList();
      columns.get(SeriesColumn.WORKFLOW_SLOT_LIMIT).add(sum(now, s -> slotLimit(s, "workflow", "WorkflowWorker")));
      columns.get(SeriesColumn.ACTIVITY_SLOT_LIMIT).add(sum(now, s -> slotLimit(s, "activity", "ActivityWorker")));
      columns.get(SeriesColumn.SLOTS_USED).add(sum(now, s -> s.hasGauge(MetricNames.SDK_SLOTS_USED, k -> true)
          ? s.gauge(MetricNames.SDK_SLOTS_USED, tagIn("worker_type", "WorkflowWorker", "ActivityWorker")) : null));
      columns.get(SeriesColumn.SLOTS_WAITING).add(sum(now, s -> s.hasGauge(MetricNames.QUEUE_DEPTH,
          tagIn("source", "slot_reservations")) ? s.gauge(MetricNames.QUEUE_DEPTH, tagIn("source", "slot_reservations"))
          : null));
      columns.get(SeriesColumn.POLLERS).add(sum(now, s -> s.hasGauge(MetricNames.SDK_NUM_POLLERS, k -> true)
          ? s.gauge(MetricNames.SDK_NUM_POLLERS, k -> true) : null));
      columns.get(SeriesColumn.HEAP_USED_MB).add(sum(now, s -> s.heapUsedBytes() < 0 ? null : s.heapUsedBytes() / MIB));
      columns.get(SeriesColumn.WORKER_CPU_PERCENT).add(previous == null ? null : cpuPercent(previous, latest));
      columns.get(SeriesColumn.STICKY_HIT_RATIO).add(previous == null ? stickyRatio(List.of(), now)
          : stickyRatio(previous.stream().filter(Objects::nonNull).toList(), now));
      previous = latest;
    }
    return columns;
  }

  /**
   * The workers' process CPU from {@code fromMs} to {@code toMs} (summed over workers) per completed workflow, ms:
   * each worker's CPU at its last sample at or before {@code fromMs} is subtracted from its CPU at its first sample
   * at or after {@code toMs}, so the window holds the whole injection and at most a second of idle polling at each
   * end. Empty when nothing completed or some worker has no sample on either side (it cannot be compared).
   */
  static java.util.Optional<Double> cpuMsPerWorkflow(List<List<Sample>> perWorker, long fromMs, long toMs,
      long completed) {
    return perWorkflow(perWorker, fromMs, toMs, completed, Sample::cpuMs);
  }

  /** The part of {@link #cpuMsPerWorkflow} the workers' JIT compiler threads used; empty where one did not say. */
  static java.util.Optional<Double> jitCpuMsPerWorkflow(List<List<Sample>> perWorker, long fromMs, long toMs,
      long completed) {
    return perWorkflow(perWorker, fromMs, toMs, completed, Sample::jitCpuMs);
  }

  private static java.util.Optional<Double> perWorkflow(List<List<Sample>> perWorker, long fromMs, long toMs,
      long completed, java.util.function.ToLongFunction<Sample> clock) {
    if (perWorker.isEmpty() || completed <= 0) {
      return java.util.Optional.empty();
    }
    long total = 0;
    for (List<Sample> samples : perWorker) {
      Sample before = latestAtOrBefore(samples, fromMs);
      Sample after = samples.stream().filter(s -> s.tsMs() >= toMs).findFirst().orElse(null);
      if (before == null || after == null || clock.applyAsLong(before) < 0
          || clock.applyAsLong(after) < clock.applyAsLong(before)) {
        return java.util.Optional.empty();
      }
      total += clock.applyAsLong(after) - clock.applyAsLong(before);
    }
    return java.util.Optional.of((double) total / completed);
  }

  /** The adaptive limit of {@code kind} if reported, else the SDK's available + used of {@code workerType}. */
  private static Double slotLimit(Sample s, String kind, String workerType) {
    Predicate<String> ofKind = tagIn("slot_kind", kind);
    if (s.hasGauge(MetricNames.CONCURRENCY_LIMIT, ofKind)) {
      return s.gauge(MetricNames.CONCURRENCY_LIMIT, ofKind);
    }
    Predicate<String> ofType = tagIn("worker_type", workerType);
    if (s.hasGauge(MetricNames.SDK_SLOTS_AVAILABLE, ofType)) {
      return s.gauge(MetricNames.SDK_SLOTS_AVAILABLE, ofType) + s.gauge(MetricNames.SDK_SLOTS_USED, ofType);
    }
    return null;
  }

  /** Worker CPU between two ticks, percent of one core summed over workers present at both. */
  private static Double cpuPercent(List<Sample> before, List<Sample> after) {
    double total = 0;
    boolean any = false;
    for (int i = 0; i < after.size(); i++) {
      Sample a = before.get(i);
      Sample b = after.get(i);
      if (a == null || b == null || a.cpuMs() < 0 || b.tsMs() <= a.tsMs()) {
        continue;
      }
      total += 100.0 * (b.cpuMs() - a.cpuMs()) / (b.tsMs() - a.tsMs());
      any = true;
    }
    return any ? total : null;
  }

  private static Double stickyRatio(List<Sample> before, List<Sample> now) {
    double hits = now.stream().mapToDouble(s -> s.counter(MetricNames.SDK_STICKY_HIT)).sum()
        - before.stream().mapToDouble(s -> s.counter(MetricNames.SDK_STICKY_HIT)).sum();
    double misses = now.stream().mapToDouble(s -> s.counter(MetricNames.SDK_STICKY_MISS)).sum()
        - before.stream().mapToDouble(s -> s.counter(MetricNames.SDK_STICKY_MISS)).sum();
    return hits + misses > 0 ? hits / (hits + misses) : null;
  }

  private static Double sum(List<Sample> samples, java.util.function.Function<Sample, Double> value) {
    Double total = null;
    for (Sample s : samples) {
      Double v = value.apply(s);
      if (v != null) {
        total = (total == null ? 0 : total) + v;
      }
    }
    return total;
  }

  /** Matches a gauge key ({@code name{k=v,...}}) whose tag {@code tag} is one of {@code values}. */
  static Predicate<String> tagIn(String tag, String... values) {
    return key -> {
      for (String v : values) {
        if (key.contains("{" + tag + "=" + v + ",") || key.contains("{" + tag + "=" + v + "}")
            || key.contains("," + tag + "=" + v + ",") || key.contains("," + tag + "=" + v + "}")) {
          return true;
        }
      }
      return false;
    };
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
}
