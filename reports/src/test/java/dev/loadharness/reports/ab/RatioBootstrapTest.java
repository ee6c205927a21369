package dev.loadharness.reports.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.ab.RatioBootstrap.Interval;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bootstrap interval against what theory says it must be. */
class RatioBootstrapTest {

  @Test
  void manyNoisyRatiosGiveTheNormalTheoryInterval() {
    Random random = new Random(11);
    double[] ratios = new double[400];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = Math.exp(0.10 * random.nextGaussian());
    }
    Interval interval = RatioBootstrap.paired(ratios, RatioBootstrap.RESAMPLES, RatioBootstrap.SEED);

    // The mean of 400 N(0, 0.1) logs has standard error 0.005: the 95% half-width in log space is ~0.0098.
    double halfWidth = (Math.log(interval.high()) - Math.log(interval.low())) / 2;
    assertThat(halfWidth).isBetween(0.0098 * 0.9, 0.0098 * 1.1);
    assertThat(interval.estimate()).isBetween(interval.low(), interval.high());
  }

  @Test
  void theSameSamplesAndSeedGiveTheSameInterval() {
    double[] ratios = {0.98, 1.04, 1.01, 0.95, 1.07};
    assertThat(RatioBootstrap.paired(ratios, 2000, 5)).isEqualTo(RatioBootstrap.paired(ratios, 2000, 5));
  }

  @Test
  void constantRatiosHaveNoSpread() {
    Interval interval = RatioBootstrap.paired(new double[] {2, 2, 2}, 1000, 1);
    assertThat(interval.low()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(interval.high()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void unpairedIsTheRatioOfGeometricMeans() {
    Interval interval = RatioBootstrap.unpaired(new double[] {200, 200}, new double[] {100, 100, 100}, 1000, 1);
    assertThat(interval.estimate()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aZeroRatioIsRefused() {
    assertThatThrownBy(() -> RatioBootstrap.paired(new double[] {1, 0}, 10, 1))
        .hasMessage("ratios must be finite and > 0, got 0.0");
  }
}
