package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interval snapshots: a series idle in an interval is left out of it, and no sample is lost or counted twice. */
class ExactMetricsTest {
  private static final SeriesKey BUSY = new SeriesKey("t_busy", Map.of("k", "a"));
  private static final SeriesKey IDLE = new SeriesKey("t_idle", Map.of("k", "b"));

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
}
