package dev.loadharness.reports.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.ab.RatioInterval.Interval;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The A/B interval (bootstrap and Student-t) against what theory says it must be. */
class RatioIntervalTest {

  @Test
  void manyNoisyRatiosGiveTheNormalTheoryInterval() {
    Random random = new Random(11);
    double[] ratios = new double[400];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = Math.exp(0.10 * random.nextGaussian());
    }
    Interval interval = RatioInterval.paired(ratios, RatioInterval.RESAMPLES, RatioInterval.SEED);

    // The mean of 400 N(0, 0.1) logs has standard error 0.005: the 95% half-width in log space is ~0.0098.
    double halfWidth = (Math.log(interval.high()) - Math.log(interval.low())) / 2;
    assertThat(halfWidth).isBetween(0.0098 * 0.9, 0.0098 * 1.1);
    assertThat(interval.estimate()).isBetween(interval.low(), interval.high());
  }

  @Test
  void theSameSamplesAndSeedGiveTheSameInterval() {
    double[] ratios = {0.98, 1.04, 1.01, 0.95, 1.07};
    assertThat(RatioInterval.paired(ratios, 2000, 5)).isEqualTo(RatioInterval.paired(ratios, 2000, 5));
  }

  @Test
  void constantRatiosHaveNoSpread() {
    Interval interval = RatioInterval.paired(new double[] {2, 2, 2}, 1000, 1);
    assertThat(interval.low()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(interval.high()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void threeRoundsGetTheStudentTWidthNotTheRangeOfTheirRatios() {
    double[] ratios = {0.95, 1.0, 1.05};
    Interval bootstrap = RatioInterval.pairedBootstrap(ratios, RatioInterval.RESAMPLES, RatioInterval.SEED);
    Interval interval = RatioInterval.paired(ratios, RatioInterval.RESAMPLES, RatioInterval.SEED);

    assertThat(bootstrap.low()).as("the bootstrap stays within the observed ratios").isGreaterThanOrEqualTo(0.95);
    // logs: mean ~0, sd 0.05; t(0.975, 2 df) = 4.303, so the half-width is 4.303 * 0.05 / sqrt(3) = 0.124.
    assertThat(interval.low()).isBetween(Math.exp(-0.126), Math.exp(-0.122));
    assertThat(interval.high()).isBetween(Math.exp(0.122), Math.exp(0.126));
  }

  @Test
  void welchWidensForFewUnpairedRuns() {
    Interval interval = RatioInterval.unpaired(new double[] {100, 110, 90}, new double[] {100, 105, 95}, 2000, 3);
    Interval bootstrap = RatioInterval.unpairedBootstrap(new double[] {100, 110, 90}, new double[] {100, 105, 95},
        2000, 3);
    assertThat(interval.high() - interval.low()).isGreaterThan(bootstrap.high() - bootstrap.low());
  }

  @Test
  void unpairedIsTheRatioOfGeometricMeans() {
    Interval interval = RatioInterval.unpaired(new double[] {200, 200}, new double[] {100, 100, 100}, 1000, 1);
    assertThat(interval.estimate()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aZeroRatioIsRefused() {
    assertThatThrownBy(() -> RatioInterval.paired(new double[] {1, 0}, 10, 1))
        .hasMessage("ratios must be finite and > 0, got 0.0");
  }
}
