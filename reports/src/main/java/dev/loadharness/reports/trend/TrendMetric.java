package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunRecord;
import java.util.List;
import java.util.function.Function;

/**
 * A run-record metric tracked across runs: how to read it, which way is good, how far it may move
 * ({@link Tolerance}) and which values it can take ({@link PhysicalRange}, for drawing bands).
 *
 * <p>Tolerances, as minimum effect .. cap relative to the baseline median: throughput 10..15% (its
 * run-to-run noise between like runs is about 1%, so a 20% drop is always flagged); end-to-end p50
 * 15..30%; p95 latencies 20..30% (like runs' p95 moves 2-8% on the project's 2-core machine; 20% keeps that
 * quiet, 30% keeps a 1.5x rise flagged); p99 25..40%; schedule-to-start p95 25..100% (tens of ms, very
 * noisy); poll p95 25% and no cap (a long poll's wait measures how idle the worker is, not a defect);
 * sticky hit ratio 0..10%; CPU (also per workflow, 0.2 ms floor) and heap 10..30%; GC pause 20..100%; failures: any move beyond one workflow.
 *
 * @param name stable name, used in tables and chart ids
 * @param unit unit for display
 * @param direction which way is better
 * @param tolerance smallest and largest allowed move
 * @param range values the metric can take
 * @param reader reads the value from a record, null when the record lacks it
 */
public record TrendMetric(
    String name, String unit, Direction direction, Tolerance tolerance, PhysicalRange range,
    Function<RunRecord, Double> reader) {

  /** Tolerance of JMH scores: 10% minimum effect, 30% cap. */
  public static final Tolerance JMH_TOLERANCE = new Tolerance(0, 0.10, 0.30);
  private static final double NO_CAP = Double.POSITIVE_INFINITY;

  /** The metrics the trend pages draw and regression detection checks. */
  public static final List<TrendMetric> KEY_METRICS = List.of(
      new TrendMetric("throughput_wps", "workflows/s", Direction.HIGHER_IS_BETTER, new Tolerance(0, 0.10, 0.15),
          PhysicalRange.NON_NEGATIVE, r -> r.load().throughputWps()),
      latency("end_to_end_p50_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p50, 0.15, 0.30),
      latency("end_to_end_p95_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p95, 0.20, 0.30),
      latency("end_to_end_p99_ms", RunRecord.LATENCY_END_TO_END, LatencySummary::p99, 0.25, 0.40),
      latency("start_p95_ms", RunRecord.LATENCY_START, LatencySummary::p95, 0.20, 0.30),
      latency("workflow_schedule_to_start_p95_ms", RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, LatencySummary::p95,
          0.25, 1.0),
      latency("activity_schedule_to_start_p95_ms", RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START, LatencySummary::p95,
          0.25, 1.0),
      latency("poll_p50_ms", RunRecord.LATENCY_POLL, LatencySummary::p50, 0.25, NO_CAP),
      latency("poll_p95_ms", RunRecord.LATENCY_POLL, LatencySummary::p95, 0.25, NO_CAP),
      new TrendMetric("sticky_hit_ratio", "ratio", Direction.HIGHER_IS_BETTER, new Tolerance(0.01, 0, 0.10),
          PhysicalRange.RATIO, r -> r.sticky() == null ? null : r.sticky().ratio()),
      new TrendMetric("failed_or_timed_out", "workflows", Direction.LOWER_IS_BETTER, new Tolerance(1.0, 0, NO_CAP),
          PhysicalRange.NON_NEGATIVE,
          r -> (double) (r.load().failed() + r.load().timedOut() + r.load().unaccounted())),
      new TrendMetric("worker_cpu_percent_avg", "% of a core", Direction.LOWER_IS_BETTER, new Tolerance(2.0, 0.10, 0.30),
          PhysicalRange.NON_NEGATIVE, r -> r.resources() == null ? null : r.resources().workerCpuPercentAvg()),
      new TrendMetric("worker_cpu_ms_per_workflow", "ms", Direction.LOWER_IS_BETTER, new Tolerance(0.2, 0.10, 0.30),
          PhysicalRange.NON_NEGATIVE, r -> r.resources() == null ? null : r.resources().workerCpuMsPerWorkflow()),
      new TrendMetric("worker_cpu_ms_per_workflow_without_jit", "ms", Direction.LOWER_IS_BETTER,
          new Tolerance(0.2, 0.10, 0.30), PhysicalRange.NON_NEGATIVE,
          r -> r.resources() == null ? null : r.resources().workerCpuMsPerWorkflowWithoutJit()),
      new TrendMetric("worker_heap_used_max_mb", "MiB", Direction.LOWER_IS_BETTER, new Tolerance(8.0, 0.10, 0.30),
          PhysicalRange.NON_NEGATIVE,
          r -> r.resources() == null ? null : r.resources().heapUsedMaxBytes() / 1048576.0),
      new TrendMetric("gc_pause_total_ms", "ms", Direction.LOWER_IS_BETTER, new Tolerance(5.0, 0.20, 1.0),
          PhysicalRange.NON_NEGATIVE, r -> r.resources() == null ? null : r.resources().gcPauseTotalMs()));

  /** Validates the name and requires every part. */
  public TrendMetric {
    if (name == null || !name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("trend metric name must match [a-z0-9_]+, was \"" + name + "\"");
    }
    if (tolerance == null || range == null || reader == null || direction == null) {
      throw new IllegalArgumentException("trend metric " + name + " needs a direction, tolerance, range and reader");
    }
  }

  /** Smallest change in {@link #unit} that can count as a regression. */
  public double absoluteFloor() {
    return tolerance.absoluteFloor();
  }

  /** The metric's value in {@code run}, or null when not recorded. */
  public Double read(RunRecord run) {
    Double v = reader.apply(run);
    return v == null || v.isNaN() ? null : v;
  }

  private static TrendMetric latency(String name, String metric, Function<LatencySummary, Double> pick,
      double minRelative, double maxRelative) {
    return new TrendMetric(name, "ms", Direction.LOWER_IS_BETTER, new Tolerance(0.5, minRelative, maxRelative),
        PhysicalRange.NON_NEGATIVE, r -> {
          LatencySummary l = r.latencyMs().get(metric);
          return l == null || l.count() == 0 ? null : pick.apply(l);
        });
  }
}
