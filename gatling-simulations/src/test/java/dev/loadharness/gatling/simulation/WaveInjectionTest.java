package dev.loadharness.gatling.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.Wave;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.concurrent.duration.FiniteDuration;

/** The waves as Gatling's own injection steps, read back from Gatling's step objects. */
class WaveInjectionTest {

  private static Injection injection(Injection.Model model, double low, double high, int periodS, int durationS) {
    return new Injection(model, Duration.ofSeconds(durationS), 0, 0,
        Optional.of(new Wave(low, high, Duration.ofSeconds(periodS))));
  }

  @ParameterizedTest
  @CsvSource({"1, 5, 8, 16", "1, 9, 10, 20", "0, 3, 6, 18", "0.5, 2.25, 4, 12", "2, 7, 2, 10", "0.1, 0.7, 14, 28"})
  void gatlingInjectsExactlyTheArrivalsTheValidatorCounts(double low, double high, int periodS, int durationS) {
    Injection injection = injection(Injection.Model.EBB_AND_FLOW, low, high, periodS, durationS);
    OpenInjectionStep[] steps = TemporalLoadSimulation.rateRamps(injection);
    long gatlingUsers = Arrays.stream(steps).mapToLong(s -> s.asScala().users()).sum();
    assertThat(gatlingUsers).as("the spec's implied workflow count is Gatling's")
        .isEqualTo(injection.wave().orElseThrow().arrivals(injection.duration()));
    assertThat(Arrays.stream(steps).mapToLong(s -> s.asScala().duration().toMillis()).sum())
        .isEqualTo(durationS * 1000L);
  }

  @Test
  void theBacklogTargetIsGatlingsConcurrencyAtEveryMoment() {
    Injection injection = injection(Injection.Model.BACKLOG, 2, 12, 8, 16);
    ClosedInjectionStep[] steps = TemporalLoadSimulation.concurrencyRamps(injection);
    assertThat(steps).hasSize(4);
    long offsetMs = 0;
    for (ClosedInjectionStep step : steps) {
      long stepMs = step.asScala().duration().toMillis();
      // Gatling's closed ramp moves its target once a second.
      for (long t = 0; t < stepMs; t += 1000) {
        int gatling = step.asScala().valueAt(new FiniteDuration(t, TimeUnit.MILLISECONDS));
        double wave = injection.wave().orElseThrow().at((offsetMs + t) / 1000.0, injection.duration());
        assertThat((double) gatling).as("concurrency at %d ms", offsetMs + t).isCloseTo(wave, within(1.0));
      }
      offsetMs += stepMs;
    }
    assertThat(offsetMs).isEqualTo(16_000);
  }
}
