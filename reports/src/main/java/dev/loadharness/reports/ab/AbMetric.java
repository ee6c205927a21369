package dev.loadharness.reports.ab;

import dev.loadharness.reports.compare.RuntimeComparison;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.trend.Direction;
import dev.loadharness.reports.trend.TrendMetric;
import java.util.List;

/**
 * A metric an A/B comparison judges, with the smallest change that counts.
 *
 * <p>Why these minimum effects (relative to the baseline, and never below the absolute floor, so a metric of
 * a few milliseconds is not judged on timer granularity): throughput 5% (like runs differ by about 1%, and
 * a fleet losing 5% of its rate needs more workers); end-to-end p50 and p95 10% (like runs' p95 moves 2-8%
 * on the project's 2-core machine; the median is the steadiest latency under machine contention, since it
 * moves with what every workflow does, not with the few that hit a busy moment); end-to-end p99 15% (the tail of a few hundred workflows rests on a handful of
 * samples); schedule-to-start p95 25% and 2 ms (single-digit milliseconds on a quiet server, where one
 * scheduler hiccup is a large share); successful poll p50 10% and 5 ms; sticky hit ratio 5% and 0.02 (a
 * cache that misses a few more times in a hundred replays whole histories).
 *
 * <p>Poll latency is judged at its median, not its p95: a successful long poll lasts as long as its poller
 * waited for a task, so the tail of the distribution is the idle pollers of the ramp's first seconds, where
 * samples are sparse. Over 20 like runs of worker-load-128 (dev server, 2026-12-01) poll p50 was 200.6-204.2
 * ms and p90 632-650 ms, but p95 1352-2351 ms and p99 5030-9617 ms (about 40 of ~815 polls lie above the
 * p95), and identical code's paired p95 ratios ran 0.69-1.39: an A/B cannot call that metric unchanged, nor
 * tell a regression from which poller happened to wait. Specs can still gate {@code poll_p95_ms}.
 *
 * @param name the {@link TrendMetric} name it reads
 * @param label the column text for people
 * @param minEffect smallest relative change that counts, e.g. 0.05
 * @param floor smallest absolute change that counts, in the metric's unit
 */
public record AbMetric(String name, String label, double minEffect, double floor) {

  /** What every A/B comparison judges, in table order. */
  public static final List<AbMetric> ALL = List.of(
      new AbMetric("throughput_wps", "throughput", 0.05, 0),
      new AbMetric("end_to_end_p50_ms", "end-to-end p50", 0.10, 5),
      new AbMetric("end_to_end_p95_ms", "end-to-end p95", 0.10, 5),
      new AbMetric("end_to_end_p99_ms", "end-to-end p99", 0.15, 5),
      new AbMetric("workflow_schedule_to_start_p95_ms", "workflow task schedule-to-start p95", 0.25, 2),
      new AbMetric("activity_schedule_to_start_p95_ms", "activity schedule-to-start p95", 0.25, 2),
      new AbMetric("poll_p50_ms", "successful poll p50", 0.10, 5),
      new AbMetric("sticky_hit_ratio", "sticky hit ratio", 0.05, 0.02));

  public AbMetric {
    RuntimeComparison.metric(name);
    if (!(minEffect > 0 && minEffect < 1)) {
      throw new IllegalArgumentException("minimum effect of " + name + " must be in (0, 1), got " + minEffect);
    }
    if (!(floor >= 0)) {
      throw new IllegalArgumentException("floor of " + name + " must be >= 0, got " + floor);
    }
  }

  /** Which way is better. */
  public Direction direction() {
    return trend().direction();
  }

  /** The unit for display. */
  public String unit() {
    return trend().unit();
  }

  /** The value in {@code record}, null when not recorded. */
  public Double read(RunRecord record) {
    return trend().read(record);
  }

  /** The relative effect that counts against a baseline of {@code baseMedian}: the larger of both minimums. */
  public double effectAt(double baseMedian) {
    return baseMedian > 0 ? Math.max(minEffect, floor / baseMedian) : Double.POSITIVE_INFINITY;
  }

  private TrendMetric trend() {
    return RuntimeComparison.metric(name);
  }
}
