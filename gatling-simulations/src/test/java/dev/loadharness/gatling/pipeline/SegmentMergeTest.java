package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SegmentMergeTest {
  private static final long ORIGIN = 1_700_000_000_000L;

  @Test
  void theMergedHistogramsAreTheHistogramsOfAllSamples() {
    SplittableRandom random = new SplittableRandom(7);
    Histogram all = RunLedger.newHistogram();
    Histogram allStart = RunLedger.newHistogram();
    List<Histogram> perSegment = List.of(RunLedger.newHistogram(), RunLedger.newHistogram(), RunLedger.newHistogram());
    List<Histogram> startPerSegment =
        List.of(RunLedger.newHistogram(), RunLedger.newHistogram(), RunLedger.newHistogram());
    for (int n = 0; n < 30_000; n++) {
      // A long tail, so the high percentiles sit in buckets only some segments reach.
      long e2e = 1_000 + (long) (-Math.log(1 - random.nextDouble()) * 250_000);
      long start = 200 + random.nextLong(20_000);
      all.recordValue(e2e);
      allStart.recordValue(start);
      perSegment.get(n % 3).recordValue(e2e);
      startPerSegment.get(n % 3).recordValue(start);
    }
    List<SegmentResult> segments = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      segments.add(segment(i, 1, 10_000, 9_990, 6, 4, startPerSegment.get(i), perSegment.get(i), List.of()));
    }

    RunLedger.Totals merged = SegmentMerge.totals(segments);

    assertThat(merged.endToEnd()).isEqualTo(all);
    assertThat(merged.start()).isEqualTo(allStart);
    for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
      assertThat(merged.endToEnd().getValueAtPercentile(p)).as("p" + p).isEqualTo(all.getValueAtPercentile(p));
    }
    assertThat(merged.endToEnd().getTotalCount()).isEqualTo(30_000);
  }

  @Test
  void countsAndFailureCausesSumAndTheDurationSpansEverySegment() {
    SegmentResult a = failures(times(segment(0, 1, 50, 45, 3, 1, RunLedger.newHistogram(), RunLedger.newHistogram(),
        List.of()), ORIGIN, ORIGIN + 100, ORIGIN + 20_100), Map.of("ActivityFailure", 3L));
    SegmentResult b = times(segment(1, 1, 49, 49, 0, 0, RunLedger.newHistogram(), RunLedger.newHistogram(), List.of()),
        ORIGIN + 300, ORIGIN + 400, ORIGIN + 25_400);
    SegmentResult c = failures(times(segment(2, 2, 49, 40, 2, 0, RunLedger.newHistogram(), RunLedger.newHistogram(),
        List.of()), ORIGIN + 9_000, ORIGIN + 9_100, ORIGIN + 22_000), Map.of("ActivityFailure", 1L,
        "start: Timeout", 1L));

    RunLedger.Totals merged = SegmentMerge.totals(List.of(c, a, b));

    RunLedger.Counts counts = merged.counts();
    assertThat(counts.started()).isEqualTo(148);
    assertThat(counts.completed()).isEqualTo(134);
    assertThat(counts.failed()).isEqualTo(5);
    assertThat(counts.timedOut()).isEqualTo(1);
    assertThat(counts.unaccounted()).isEqualTo(148 - 134 - 5 - 1).isEqualTo(a.unaccounted() + b.unaccounted()
        + c.unaccounted());
    assertThat(counts.lastOutcomeS()).as("first start of any segment to the last outcome of any").isEqualTo(25.3);
    assertThat(merged.failures()).containsExactlyInAnyOrderEntriesOf(Map.of("ActivityFailure", 4L, "start: Timeout", 1L));
    assertThat(merged.firstStartWallMs()).isEqualTo(ORIGIN + 100);
  }

  @Test
  void theSeriesAreAlignedByWallClockOnTheRunsTickGrid() {
    SegmentResult a = segment(0, 1, 12, 12, 0, 0, RunLedger.newHistogram(), RunLedger.newHistogram(), List.of(
        new SegmentResult.Tick(ORIGIN + 1_000, 5, 7, 300.0, 4.0),
        new SegmentResult.Tick(ORIGIN + 2_000, 12, 0, 500.0, 2.0)));
    SegmentResult b = segment(1, 1, 9, 9, 0, 0, RunLedger.newHistogram(), RunLedger.newHistogram(), List.of(
        new SegmentResult.Tick(ORIGIN + 1_300, 4, 5, 800.0, 6.0),
        new SegmentResult.Tick(ORIGIN + 2_300, 9, 0, null, null)));
    b = times(b, ORIGIN + 300, ORIGIN + 350, ORIGIN + 2_200);

    DriverSeries.Samples merged = SegmentMerge.series(List.of(a, b), 1_000);

    assertThat(merged.elapsed()).containsExactly(1.0, 2.0, 3.0);
    assertThat(merged.wallMs()).containsExactly(ORIGIN + 1_000, ORIGIN + 2_000, ORIGIN + 3_000);
    // t=1 s: only a has ticked (5 done); t=2 s: a 12 + b 4 (its tick at 1.3 s); t=3 s: a 12 + b 9.
    assertThat(merged.completed()).containsExactly(5L, 16L, 21L);
    assertThat(merged.columns().get(SeriesColumn.THROUGHPUT_WPS)).containsExactly(5.0, 11.0, 5.0);
    assertThat(merged.columns().get(SeriesColumn.IN_FLIGHT)).containsExactly(7.0, 5.0, 0.0);
    assertThat(merged.columns().get(SeriesColumn.END_TO_END_P95_MS)).containsExactly(300.0, 800.0, null);
    assertThat(merged.columns().get(SeriesColumn.SERVER_BACKLOG)).containsExactly(4.0, 6.0, 2.0);
    assertThat(merged.intervalS()).isEqualTo(1.0);
  }

  @Test
  void aRetriedSegmentIsAnEventOfTheMergedRun() {
    RunPlan plan = new RunPlan(ScenarioSpecs.load("smoke"), Path.of("runs", "r1"), Instant.ofEpochMilli(ORIGIN),
        Duration.ofSeconds(1), WorkerCode.head());
    SegmentResult retried = new SegmentResult(1, 2, 2, "driver-3 (host/42)", 6, 6, 0, 0, 4, ORIGIN + 10_000,
        ORIGIN + 10_100, ORIGIN + 12_000, LatencySummary.encode(RunLedger.newHistogram()),
        LatencySummary.encode(RunLedger.newHistogram()), Map.of(), List.of(
            new SegmentResult.Tick(ORIGIN + 11_000, 6, 0, null, null)), 100, 2_000, 2, List.of(), null,
        "attempt 1 on driver-2: 4 started");
    SegmentResult first = segment(0, 1, 6, 6, 0, 0, RunLedger.newHistogram(), RunLedger.newHistogram(), List.of(
        new SegmentResult.Tick(ORIGIN + 1_000, 6, 0, null, null)));

    Injection.Result merged = SegmentMerge.merge(List.of(retried, withCount(first, 2)), plan);

    assertThat(merged.events()).extracting(RunEvent::kind).containsExactly(SegmentMerge.SEGMENT_RETRIED);
    assertThat(merged.events().get(0).subject()).isEqualTo("segment-2");
    assertThat(merged.events().get(0).detail()).contains("attempt 2 on driver-3", "4 workflow(s) already started");
    assertThat(merged.events().get(0).atS()).isEqualTo(10.0);
    assertThat(merged.totals().attached()).isEqualTo(4);
    assertThat(merged.aborted()).isEmpty();
  }

  @Test
  void aCorruptHistogramIsAnErrorNamingTheSegment() {
    SegmentResult bad = new SegmentResult(0, 1, 1, "d", 0, 0, 0, 0, 0, ORIGIN, ORIGIN, ORIGIN, "not base64!",
        LatencySummary.encode(RunLedger.newHistogram()), Map.of(), List.of(), 0, 0, 1, List.of(), null, null);
    assertThatThrownBy(() -> SegmentMerge.totals(List.of(bad)))
        .hasMessageContaining("segment-1 start histogram").hasMessageContaining("not a base64");
  }

  @Test
  void inconsistentSegmentCountsAreRejected() {
    assertThatThrownBy(() -> new SegmentResult(0, 1, 1, "d", 3, 3, 1, 0, 0, ORIGIN, ORIGIN, ORIGIN, "", "",
        Map.of(), List.of(), 0, 0, 1, List.of(), null, null)).hasMessageContaining("inconsistent");
  }

  private static SegmentResult withCount(SegmentResult s, int count) {
    return new SegmentResult(s.index(), count, s.attempt(), s.driver(), s.started(), s.completed(), s.failed(),
        s.timedOut(), s.attached(), s.ledgerStartWallMs(), s.firstStartWallMs(), s.lastOutcomeWallMs(),
        s.startHistogram(), s.endToEndHistogram(), s.failures(), s.ticks(), s.cpuMs(), s.wallMs(), s.cpus(),
        s.events(), s.aborted(), s.previousAttempt());
  }

  private static SegmentResult segment(int index, int attempt, long started, long completed, long failed,
      long timedOut, Histogram start, Histogram endToEnd, List<SegmentResult.Tick> ticks) {
    return new SegmentResult(index, 3, attempt, "driver-" + (index + 1), started, completed, failed, timedOut, 0,
        ORIGIN, ORIGIN, ORIGIN, LatencySummary.encode(start), LatencySummary.encode(endToEnd), Map.of(), ticks, 10,
        1_000, 2, List.of(), null, null);
  }

  private static SegmentResult times(SegmentResult r, long ledgerStart, long firstStart, long lastOutcome) {
    return new SegmentResult(r.index(), r.count(), r.attempt(), r.driver(), r.started(), r.completed(), r.failed(),
        r.timedOut(), r.attached(), ledgerStart, firstStart, lastOutcome, r.startHistogram(), r.endToEndHistogram(),
        r.failures(), r.ticks(), r.cpuMs(), r.wallMs(), r.cpus(), r.events(), r.aborted(), r.previousAttempt());
  }

  private static SegmentResult failures(SegmentResult r, Map<String, Long> failures) {
    return new SegmentResult(r.index(), r.count(), r.attempt(), r.driver(), r.started(), r.completed(), r.failed(),
        r.timedOut(), r.attached(), r.ledgerStartWallMs(), r.firstStartWallMs(), r.lastOutcomeWallMs(),
        r.startHistogram(), r.endToEndHistogram(), failures, r.ticks(), r.cpuMs(), r.wallMs(), r.cpus(), r.events(),
        r.aborted(), r.previousAttempt());
  }
}
