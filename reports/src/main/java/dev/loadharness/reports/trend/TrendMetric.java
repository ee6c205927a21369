package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunRecord;
import java.util.List;
import java.util.function.Function;

/**
 * A run-record metric tracked across runs: how to read it, which way is good, and the smallest change
 * worth reporting in its unit (so a 0.2 ms wobble of a 1 ms median is not a "20% regression").
 *
 * @param name stable name, used in tables and chart ids
 * @param unit unit for display
 * @param direction which way is better
 * @param absoluteFloor smallest change in {@code unit} that can count as a regression
 * @param reader reads the value from a record, null when the record lacks it
 */
public record TrendMetric(
    String name, String unit, Direction direction, double absoluteFloor, Function<RunRecord, Double> reader) {

  /** The metrics the trend pages draw and regression detection checks. */
  public static final List<TrendMetric> KEY_METRICS = List.of(
      new TrendMetric("throughput_wps", "workflows/s", Direction.HIGHER_IS_BETTER, 0.0,
          r -> r.load().throughputWps()),
      latency("end_to_end_p50_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p50),
      latency("end_to_end_p95_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p95),
      latency("end_to_end_p99_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p99),
      latency("start_p95_ms", RunRecord.LATENCY_START, LatencySummary::p95),
      latency("workflow_schedule_to_start_p95_ms", RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, LatencySummary::p95),
      latency("activity_schedule_to_start_p95_ms", RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START, LatencySummary::p95),
      latency("poll_p95_ms", RunRecord.LATENCY_POLL, LatencySummary::p95),
      new TrendMetric("sticky_hit_ratio", "ratio", Direction.HIGHER_IS_BETTER, 0.01,
          r -> r.sticky() == null ? null : r.sticky().ratio()),
      new TrendMetric("failed_or_timed_out", "workflows", Direction.LOWER_IS_BETTER, 1.0,
          r -> (double) (r.load().failed() + r.load().timedOut() + r.load().unaccounted())),
      new TrendMetric("worker_cpu_percent_avg", "% of a core", Direction.LOWER_IS_BETTER, 2.0,
          r -> r.resources() == null ? null : r.resources().workerCpuPercentAvg()),
      new TrendMetric("worker_heap_used_max_mb", "MiB", Direction.LOWER_IS_BETTER, 8.0,
          r -> r.resources() == null ? null : r.resources().heapUsedMaxBytes() / 1048576.0),
      new TrendMetric("gc_pause_total_ms", "ms", Direction.LOWER_IS_BETTER, 5.0,
          r -> r.resources() == null ? null : r.resources().gcPauseTotalMs()));

  /** Validates the name and floor. */
  public TrendMetric {
    if (name == null || !name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("trend metric name must match [a-z0-9_]+, was \"" + name + "\"");
    }
    if (absoluteFloor < 0) {
      throw new IllegalArgumentException("trend metric " + name + " absoluteFloor must be >= 0, was " + absoluteFloor);
    }
  }

  /** The metric's value in {@code run}, or null when not recorded. */
  public Double read(RunRecord run) {
    Double v = reader.apply(run);
    return v == null || v.isNaN() ? null : v;
  }

  private static TrendMetric latency(String name, String metric, Function<LatencySummary, Double> pick) {
    return new TrendMetric(name, "ms", Direction.LOWER_IS_BETTER, 0.5, r -> {
      LatencySummary l = r.latencyMs().get(metric);
      return l == null || l.count() == 0 ? null : pick.apply(l);
    });
  }
}
