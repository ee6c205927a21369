package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.DriverUse;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.SeriesColumn;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Adds the segments of a distributed run into one injection result, the one a single driver would have
 * produced, so measurement, judge and record assembly run unchanged. Exact where the data allows it:
 * counts and failure causes are summed, HdrHistograms added (the merge of the segments' histograms is the
 * histogram of all their samples), the run's duration spans the first start and the last outcome of any
 * segment by wall clock.
 *
 * <p>The series goes onto one wall-clock grid of the plan's tick interval from the earliest segment's start:
 * at each grid tick a segment contributes its latest tick at or before it (as the workers' samples are lined
 * up with the driver's ticks). Completions are cumulative, so the merged throughput is exact over a grid
 * interval up to that tick lag; in flight is the sum; the interval's end-to-end p95 is the largest p95 any
 * segment reported in the grid interval (an upper bound of the merged interval's p95, which the segments'
 * tick percentiles cannot give exactly); the backlog, one task queue's, is the largest reading.
 */
final class SegmentMerge {
  /** Event kind: a segment's activity was retried on another driver (its first driver stopped heartbeating). */
  static final String SEGMENT_RETRIED = "segment_retried";

  private SegmentMerge() {}

  /** The merged injection of {@code segments} (one result per segment index) for {@code plan}. */
  static Injection.Result merge(List<SegmentResult> segments, RunPlan plan) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("no segment results to merge");
    }
    List<SegmentResult> ordered = segments.stream().sorted(Comparator.comparingInt(SegmentResult::index)).toList();
    return new Injection.Result(totals(ordered), series(ordered, plan.progressEvery().toMillis()), driverUse(ordered),
        events(ordered, plan), ordered.stream().filter(s -> s.aborted() != null)
            .map(s -> s.id() + ": " + s.aborted()).findFirst());
  }

  static RunLedger.Totals totals(List<SegmentResult> segments) {
    long started = 0;
    long completed = 0;
    long failed = 0;
    long timedOut = 0;
    long attached = 0;
    Histogram start = RunLedger.newHistogram();
    Histogram endToEnd = RunLedger.newHistogram();
    Map<String, Long> failures = new TreeMap<>();
    for (SegmentResult s : segments) {
      started += s.started();
      completed += s.completed();
      failed += s.failed();
      timedOut += s.timedOut();
      attached += s.attached();
      start.add(decode(s.startHistogram(), s.id() + " start histogram"));
      endToEnd.add(decode(s.endToEndHistogram(), s.id() + " end-to-end histogram"));
      s.failures().forEach((cause, n) -> failures.merge(cause, n, Long::sum));
    }
    long firstStart = segments.stream().mapToLong(SegmentResult::firstStartWallMs).min().orElseThrow();
    long lastOutcome = segments.stream().mapToLong(SegmentResult::lastOutcomeWallMs).max().orElseThrow();
    long ledgerStart = segments.stream().mapToLong(SegmentResult::ledgerStartWallMs).min().orElseThrow();
    RunLedger.Counts counts = new RunLedger.Counts(started, completed, failed, timedOut,
        Math.max(0, started - completed - failed - timedOut), Math.max(0, lastOutcome - firstStart) / 1000.0);
    return new RunLedger.Totals(counts, start, endToEnd, failures, attached, ledgerStart, firstStart);
  }

  static DriverSeries.Samples series(List<SegmentResult> segments, long intervalMs) {
    long origin = segments.stream().mapToLong(SegmentResult::ledgerStartWallMs).min().orElseThrow();
    long last = segments.stream().flatMap(s -> s.ticks().stream()).mapToLong(SegmentResult.Tick::wallMs).max()
        .orElse(origin);
    int n = (int) Math.max(1, (last - origin + intervalMs - 1) / intervalMs);
    boolean backlog = segments.stream().flatMap(s -> s.ticks().stream()).anyMatch(t -> t.backlog() != null);
    Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
    for (SeriesColumn c : List.of(SeriesColumn.THROUGHPUT_WPS, SeriesColumn.IN_FLIGHT, SeriesColumn.END_TO_END_P95_MS)) {
      columns.put(c, new ArrayList<>());
    }
    if (backlog) {
      columns.put(SeriesColumn.SERVER_BACKLOG, new ArrayList<>());
    }
    List<Double> elapsed = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<Long> completedSoFar = new ArrayList<>();
    long previousCompleted = 0;
    for (int j = 0; j < n; j++) {
      long t = origin + (j + 1) * intervalMs;
      List<SegmentResult.Tick> latest = segments.stream().map(s -> latestAtOrBefore(s.ticks(), t))
          .filter(Objects::nonNull).toList();
      long completed = latest.stream().mapToLong(SegmentResult.Tick::completed).sum();
      elapsed.add((t - origin) / 1000.0);
      wall.add(t);
      completedSoFar.add(completed);
      if (latest.isEmpty()) {
        columns.values().forEach(v -> v.add(null));
        continue;
      }
      columns.get(SeriesColumn.THROUGHPUT_WPS).add((completed - previousCompleted) * 1000.0 / intervalMs);
      columns.get(SeriesColumn.IN_FLIGHT).add((double) latest.stream().mapToLong(SegmentResult.Tick::inFlight).sum());
      columns.get(SeriesColumn.END_TO_END_P95_MS).add(segments.stream().flatMap(s -> s.ticks().stream())
          .filter(k -> k.wallMs() > t - intervalMs && k.wallMs() <= t && k.endToEndP95Ms() != null)
          .map(SegmentResult.Tick::endToEndP95Ms).max(Double::compare).orElse(null));
      if (backlog) {
        columns.get(SeriesColumn.SERVER_BACKLOG).add(latest.stream().map(SegmentResult.Tick::backlog)
            .filter(Objects::nonNull).max(Double::compare).orElse(null));
      }
      previousCompleted = completed;
    }
    return new DriverSeries.Samples(intervalMs / 1000.0, elapsed, wall, completedSoFar, columns);
  }

  private static DriverUse driverUse(List<SegmentResult> segments) {
    return new DriverUse(segments.stream().mapToDouble(SegmentResult::cpuMs).sum(),
        segments.stream().mapToDouble(SegmentResult::wallMs).max().orElse(0),
        segments.stream().mapToInt(SegmentResult::cpus).sum(), false);
  }

  private static List<RunEvent> events(List<SegmentResult> segments, RunPlan plan) {
    List<RunEvent> events = new ArrayList<>();
    for (SegmentResult s : segments) {
      s.events().forEach(e -> events.add(new RunEvent(plan.secondsSinceStart(e.wallMs()), e.kind(), s.id(),
          e.detail())));
      if (s.attempt() > 1) {
        events.add(new RunEvent(plan.secondsSinceStart(s.ledgerStartWallMs()), SEGMENT_RETRIED, s.id(),
            "attempt " + s.attempt() + " on " + s.driver() + (s.previousAttempt() == null ? "" : "; before: "
                + s.previousAttempt()) + "; " + s.attached() + " workflow(s) already started were attached and "
                + "counted once"));
      }
    }
    events.sort(Comparator.comparingDouble(RunEvent::atS));
    return events;
  }

  private static SegmentResult.Tick latestAtOrBefore(List<SegmentResult.Tick> ticks, long t) {
    SegmentResult.Tick latest = null;
    for (SegmentResult.Tick tick : ticks) {
      if (tick.wallMs() <= t && (latest == null || tick.wallMs() >= latest.wallMs())) {
        latest = tick;
      }
    }
    return latest;
  }

  /** The histogram {@link LatencySummary#encode} wrote; {@code what} names it in the error. */
  static Histogram decode(String encoded, String what) {
    if (encoded == null || encoded.isEmpty()) {
      throw new IllegalArgumentException(what + ": no histogram");
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException(what + ": not a base64 compressed HdrHistogram (" + e.getMessage() + ")", e);
    }
  }

  /** The segment's result in the shape a driver returns, from its injection under the driver's {@code plan}. */
  static SegmentResult of(RunPlan plan, dev.loadharness.gatling.driver.Segment segment, int attempt, String driver,
      Injection.Result injection, Optional<String> previousAttempt) {
    RunLedger.Totals t = injection.totals();
    RunLedger.Counts c = t.counts();
    DriverSeries.Samples s = injection.series();
    List<SegmentResult.Tick> ticks = new ArrayList<>();
    for (int i = 0; i < s.elapsed().size(); i++) {
      ticks.add(new SegmentResult.Tick(s.wallMs().get(i), s.completed().get(i),
          value(s, SeriesColumn.IN_FLIGHT, i).longValue(), value(s, SeriesColumn.END_TO_END_P95_MS, i),
          value(s, SeriesColumn.SERVER_BACKLOG, i)));
    }
    List<SegmentResult.Event> events = injection.events().stream()
        .map(e -> new SegmentResult.Event(plan.startedAt().toEpochMilli() + Math.round(e.atS() * 1000), e.kind(),
            e.detail()))
        .toList();
    return new SegmentResult(segment.index(), segment.count(), attempt, driver, c.started(), c.completed(), c.failed(),
        c.timedOut(), t.attached(), t.ledgerStartWallMs(), t.firstStartWallMs(),
        t.firstStartWallMs() + Math.round(c.lastOutcomeS() * 1000), LatencySummary.encode(t.start()),
        LatencySummary.encode(t.endToEnd()), t.failures(), ticks, injection.driver().cpuMs(),
        injection.driver().wallMs(), injection.driver().cpus(), events, injection.aborted().orElse(null),
        previousAttempt.orElse(null));
  }

  private static Double value(DriverSeries.Samples s, SeriesColumn column, int i) {
    List<Double> values = s.columns().get(column);
    Double v = values == null ? null : values.get(i);
    return column == SeriesColumn.IN_FLIGHT && v == null ? Double.valueOf(0) : v;
  }
}
