package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.Wave;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferedProfileTest {
  private static final Wave WAVE = new Wave(2, 12, Duration.ofSeconds(8));

  @Test
  void aWavedModelWritesItsOfferedProfileColumnAndNoOtherModelDoes() {
    assertThat(DriverSeries.offeredColumn(new Injection(Injection.Model.EBB_AND_FLOW, Duration.ofSeconds(16), 0, 0,
        Optional.of(WAVE)))).contains(SeriesColumn.OFFERED_RATE);
    assertThat(DriverSeries.offeredColumn(new Injection(Injection.Model.BACKLOG, Duration.ofSeconds(16), 0, 0,
        Optional.of(WAVE)))).contains(SeriesColumn.BACKLOG_TARGET);
    assertThat(DriverSeries.offeredColumn(new Injection(Injection.Model.CONSTANT_RATE, Duration.ofSeconds(16), 3, 0)))
        .isEmpty();
    assertThat(DriverSeries.offeredColumn(new Injection(Injection.Model.CLOSED, Duration.ofSeconds(16), 0, 4)))
        .isEmpty();
  }

  @Test
  void theOfferedValueFollowsTheWaveFromTheFirstStart() {
    Injection backlog = new Injection(Injection.Model.BACKLOG, Duration.ofSeconds(16), 0, 0, Optional.of(WAVE));
    assertThat(DriverSeries.offeredAt(backlog, 0)).isEqualTo(2);
    assertThat(DriverSeries.offeredAt(backlog, 4)).isEqualTo(12);
    assertThat(DriverSeries.offeredAt(backlog, 10)).isEqualTo(7);
    assertThat(DriverSeries.offeredAt(backlog, 30)).as("after the injection").isEqualTo(2);
  }
}
