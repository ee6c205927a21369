package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.worker.MetricsType;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ExactStatsReporterTest {

  @Test
  void percentilesAreExactForKnownSamples() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    ExactStatsReporter reporter = new ExactStatsReporter(metrics);
    // 1..1000 ms, shuffled deterministically: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms, max = 1000 ms.
    java.util.List<Integer> values = new java.util.ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      values.add(i);
    }
    java.util.Collections.shuffle(values, new java.util.Random(42));
    for (int ms : values) {
      reporter.reportTimer("temporal_workflow_task_schedule_to_start_latency", Map.of("task_queue", "q"),
          com.uber.m3.util.Duration.ofMillis(ms));
    }
    Histogram h = metrics.snapshot().merged("temporal_workflow_task_schedule_to_start_latency");
    assertThat(h.getTotalCount()).isEqualTo(1000);
    assertThat(h.valuesAreEquivalent(h.getValueAtPercentile(50), 500_000)).isTrue();
    assertThat(h.valuesAreEquivalent(h.getValueAtPercentile(95), 950_000)).isTrue();
    assertThat(h.valuesAreEquivalent(h.getValueAtPercentile(99), 990_000)).isTrue();
    assertThat(h.valuesAreEquivalent(h.getMaxValue(), 1_000_000)).isTrue();
    // A bucketed timer with Prometheus-style bounds could not tell 950 ms from 1 s; this can.
    assertThat(h.getValueAtPercentile(95)).isBetween(949_500L, 950_500L);
  }

  @Test
  void activityScheduleToStartIsCountedOncePerTask_issue2733() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    Scope root = new RootScopeBuilder().reporter(new ExactStatsReporter(metrics))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(60));
    // The shapes SDK 1.38 produces per activity task: the poll task records on the worker scope,
    // ActivityWorker's handler again on a scope tagged with activity_type and workflow_type.
    // The SDK's root scope pre-fills every tag key with "none" (as a real 1.38 worker showed).
    Scope workerScope = root.tagged(Map.of("namespace", "ns", "task_queue", "q", "worker_type", "ActivityWorker",
        "activity_type", "none", "workflow_type", "none"));
    Scope handlerScope = workerScope.tagged(Map.of("activity_type", "Charge", "workflow_type", "Order"));
    for (int task = 0; task < 7; task++) {
      workerScope.timer(MetricsType.ACTIVITY_SCHEDULE_TO_START_LATENCY).record(com.uber.m3.util.Duration.ofMillis(5));
      handlerScope.timer(MetricsType.ACTIVITY_SCHEDULE_TO_START_LATENCY).record(com.uber.m3.util.Duration.ofMillis(5));
    }
    IntervalSnapshot snapshot = metrics.snapshot();
    assertThat(snapshot.merged(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount()).isEqualTo(7);
    assertThat(snapshot.histograms().keySet())
        .allSatisfy(key -> assertThat(key.tag("activity_type")).isEqualTo("Charge"));
    assertThat(metrics.counterSum(MetricNames.DUPLICATE_SAMPLES_DROPPED)).isEqualTo(7);
  }

  @Test
  void aTallyTimerIsResolvedOnceAndANewTagMapPerSampleStaysBounded() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    ExactStatsReporter reporter = new ExactStatsReporter(metrics);
    Scope root = new RootScopeBuilder().reporter(reporter).reportEvery(com.uber.m3.util.Duration.ofSeconds(60));
    Scope queue = root.tagged(Map.of("task_queue", "q"));
    for (int i = 0; i < 100; i++) {
      queue.timer("t").record(com.uber.m3.util.Duration.ofMillis(1));
      root.tagged(Map.of("task_queue", "q")).timer("t").record(com.uber.m3.util.Duration.ofMillis(2));
    }
    assertThat(reporter.cachedTimers()).as("one tally timer, whose scope tally reuses").isEqualTo(1);
    // Not tally: a fresh map for every sample. Each is still recorded; the cache stops growing at its bound.
    int samples = ExactStatsReporter.MAX_CACHED_TIMERS + 500;
    for (int i = 0; i < samples; i++) {
      reporter.reportTimer("u", new java.util.HashMap<>(Map.of("task_queue", "q")), com.uber.m3.util.Duration.ofMillis(3));
    }
    IntervalSnapshot snapshot = metrics.snapshot();
    assertThat(snapshot.merged("t").getTotalCount()).isEqualTo(200);
    assertThat(snapshot.merged("u").getTotalCount()).isEqualTo(samples);
    assertThat(snapshot.histograms().keySet()).filteredOn(k -> k.name().equals("u")).hasSize(1);
    assertThat(reporter.cachedTimers()).isEqualTo(ExactStatsReporter.MAX_CACHED_TIMERS);
  }

  @Test
  void otherTimersWithoutActivityTypeAreKept() {
    assertThat(ExactStatsReporter.isDuplicate("temporal_workflow_task_schedule_to_start_latency", Map.of())).isFalse();
    assertThat(ExactStatsReporter.isDuplicate(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, Map.of("activity_type", "A")))
        .isFalse();
    assertThat(ExactStatsReporter.isDuplicate(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, Map.of("task_queue", "q")))
        .isTrue();
    assertThat(ExactStatsReporter.isDuplicate(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, Map.of("activity_type", "none")))
        .isTrue();
  }

  @Test
  void countersReportIntervalDeltasAndTotals() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    ExactStatsReporter reporter = new ExactStatsReporter(metrics);
    reporter.reportCounter(MetricNames.SDK_STICKY_HIT, Map.of(), 3);
    assertThat(metrics.snapshot().delta(MetricNames.SDK_STICKY_HIT)).isEqualTo(3);
    reporter.reportCounter(MetricNames.SDK_STICKY_HIT, Map.of(), 2);
    IntervalSnapshot second = metrics.snapshot();
    assertThat(second.delta(MetricNames.SDK_STICKY_HIT)).isEqualTo(2);
    assertThat(second.counterTotals().get(SeriesKey.of(MetricNames.SDK_STICKY_HIT))).isEqualTo(5);
  }
}
