package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Interval snapshots: a series idle in an interval is left out of it, and no sample is lost or counted twice. */
class ExactMetricsTest {
  private static final SeriesKey BUSY = new SeriesKey("t_busy", Map.of("k", "a"));
  private static final SeriesKey IDLE = new SeriesKey("t_idle", Map.of("k", "b"));

  @Test
  void aGaugeItsOwnerExportsIsMirroredWithoutASecondMeter() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // As the controller registers its limit gauge before the runtime mirrors it for the interval files.
    io.micrometer.core.instrument.Gauge.builder("t_limit", () -> 12).tag("slot_kind", "workflow").register(registry);
    ExactMetrics metrics = new ExactMetrics(registry);
    SeriesKey limit = new SeriesKey("t_limit", Map.of("slot_kind", "workflow"));

    metrics.gauge(limit, 12);
    metrics.gauge(new SeriesKey("t_other", Map.of()), 3);

    assertThat(registry.find("t_limit").gauges()).hasSize(1);
    assertThat(metrics.gaugeValue(limit)).isEqualTo(12);
    assertThat(registry.get("t_other").gauge().value()).isEqualTo(3);
  }

  @Test
  void anIdleSeriesIsLeftOutAndItsLaterSamplesArriveInTheirOwnInterval() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    metrics.recordNanos(BUSY, 2_000_000);
    metrics.recordNanos(IDLE, 5_000_000);

    IntervalSnapshot first = metrics.snapshot();
    assertThat(first.histograms().keySet()).containsExactlyInAnyOrder(BUSY, IDLE);

    metrics.recordNanos(BUSY, 3_000_000);
    IntervalSnapshot second = metrics.snapshot();
    assertThat(second.histograms().keySet()).containsExactly(BUSY);
    assertThat(second.histograms().get(BUSY).getTotalCount()).isEqualTo(1);
    assertThat(second.merged("t_idle").getTotalCount()).isZero();

    metrics.recordNanos(IDLE, 7_000_000);
    metrics.recordNanos(IDLE, 9_000_000);
    IntervalSnapshot third = metrics.snapshot();
    assertThat(third.histograms().keySet()).containsExactly(IDLE);
    assertThat(third.histograms().get(IDLE).getTotalCount()).isEqualTo(2);
    assertThat(third.histograms().get(IDLE).getMaxValue()).isBetween(8_990L, 9_010L);

    assertThat(metrics.cumulative("t_busy").getTotalCount()).isEqualTo(2);
    assertThat(metrics.cumulative("t_idle").getTotalCount()).isEqualTo(3);
  }

  @Test
  void intervalsAndCumulativeKeepEverySampleAcrossTheWholeRange() {
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    long[] nanos = {0, 1_000, 2_500_000, 900_000_000_000L, 7_200_000_000_000L};
    Histogram expected = new Histogram(ExactMetrics.HIGHEST_TRACKABLE_MICROS, ExactMetrics.SIGNIFICANT_DIGITS);
    for (long n : nanos) {
      metrics.recordNanos(BUSY, n);
      expected.recordValue(Math.min(ExactMetrics.HIGHEST_TRACKABLE_MICROS, n / 1_000));
    }
    Histogram interval = metrics.snapshot().histograms().get(BUSY);
    metrics.recordNanos(BUSY, 2_500_000);
    metrics.snapshot();
    expected.recordValue(2_500);

    assertThat(interval.getTotalCount()).isEqualTo(nanos.length);
    assertThat(interval.getMaxValue()).isEqualTo(expected.getMaxValue());
    Histogram cumulative = metrics.cumulative("t_busy");
    assertThat(cumulative).isEqualTo(expected);
    assertThat(cumulative.getValueAtPercentile(50)).isEqualTo(expected.getValueAtPercentile(50));
  }

  /**
   * The adaptive controller registers its limit gauges through a view of the runtime's composite registry
   * that adds a task_queue tag; the interval files mirror them. The mirror must leave the controller's meter
   * the only one and its value the controller's (a second registration is ignored by Micrometer, with a
   * warning that every adaptive worker's log carried).
   */
  @Test
  void anIntervalGaugeLeavesTheOwnersMeterAloneAndStillReachesTheIntervals() {
    CompositeMeterRegistry runtime = new CompositeMeterRegistry();
    SimpleMeterRegistry exported = new SimpleMeterRegistry();
    runtime.add(exported);
    CompositeMeterRegistry view = new CompositeMeterRegistry();
    view.config().commonTags("task_queue", "q");
    view.add(runtime);
    AtomicInteger limit = new AtomicInteger(12);
    Gauge.builder("temporal_worker_concurrency_limit", limit, AtomicInteger::get).tag("slot_kind", "workflow")
        .register(view);
    ExactMetrics metrics = new ExactMetrics(runtime);
    Map<String, String> tags = Map.of("slot_kind", "workflow", "task_queue", "q");
    SeriesKey key = new SeriesKey("temporal_worker_concurrency_limit", tags);
    SeriesKey unowned = new SeriesKey("temporal_worker_queue_depth", tags);

    metrics.intervalGauge(key, 11);
    metrics.intervalGauge(unowned, 3);

    assertThat(exported.find("temporal_worker_concurrency_limit").gauges()).hasSize(1)
        .allSatisfy(g -> assertThat(g.value()).isEqualTo(12.0));
    assertThat(exported.find("temporal_worker_queue_depth").gauges()).as("never registered by the mirror").isEmpty();
    assertThat(metrics.gaugeValue(key)).isEqualTo(11.0);
    assertThat(metrics.gaugeValue(unowned)).isEqualTo(3.0);
  }
}
