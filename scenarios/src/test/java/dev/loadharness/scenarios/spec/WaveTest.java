package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaveTest {
  private final Wave wave = new Wave(1, 9, Duration.ofSeconds(10));
  private final Duration twoPeriods = Duration.ofSeconds(20);

  @Test
  void risesToHighAtHalfAPeriodAndFallsBackToLow() {
    assertThat(wave.at(0, twoPeriods)).isEqualTo(1);
    assertThat(wave.at(2.5, twoPeriods)).isCloseTo(5, within(1e-9));
    assertThat(wave.at(5, twoPeriods)).isCloseTo(9, within(1e-9));
    assertThat(wave.at(7.5, twoPeriods)).isCloseTo(5, within(1e-9));
    assertThat(wave.at(15, twoPeriods)).isCloseTo(9, within(1e-9));
    assertThat(wave.at(25, twoPeriods)).as("after the injection ended").isEqualTo(1);
  }

  @Test
  void isOneRampPerHalfPeriodAlternatelyUpAndDown() {
    assertThat(wave.ramps(twoPeriods)).containsExactly(
        new Wave.Ramp(1, 9, Duration.ofSeconds(5)), new Wave.Ramp(9, 1, Duration.ofSeconds(5)),
        new Wave.Ramp(1, 9, Duration.ofSeconds(5)), new Wave.Ramp(9, 1, Duration.ofSeconds(5)));
    assertThat(wave.arrivals(twoPeriods)).as("mean rate 5/s for 20 s").isEqualTo(100);
  }

  @Test
  void refusesADurationOfPartPeriodsAndBadEnds() {
    assertThat(wave.fits(Duration.ofSeconds(15))).isFalse();
    assertThatThrownBy(() -> wave.ramps(Duration.ofSeconds(15))).hasMessageContaining("whole number of periods");
    assertThatThrownBy(() -> new Wave(5, 5, Duration.ofSeconds(10))).hasMessageContaining("0 <= low < high");
    assertThatThrownBy(() -> new Wave(-1, 5, Duration.ofSeconds(10))).hasMessageContaining("0 <= low < high");
    assertThatThrownBy(() -> new Wave(1, 5, Duration.ofSeconds(1))).hasMessageContaining("at least 2 s");
    assertThatThrownBy(() -> new Wave(1, 5, Duration.ofSeconds(5))).hasMessageContaining("whole even number");
    assertThat(new Wave(0, 3, Duration.ofSeconds(6)).arrivals(Duration.ofSeconds(6)))
        .as("each 3 s ramp's area 4.5 is 4 workflows, as Gatling counts").isEqualTo(8);
  }

  @Test
  void aSegmentsShareDividesBothEnds() {
    assertThat(wave.share(2)).isEqualTo(new Wave(0.5, 4.5, Duration.ofSeconds(10)));
  }
}
