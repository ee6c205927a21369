package dev.loadharness.gatling.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The knee search against fake systems whose capacity is known: the loads it tries, the bracket it ends with,
 * and what it does when nothing is sustainable, everything is, or a step stops it.
 */
class KneeSearchTest {

  /** A system that sustains any load up to {@code capacity}, recording the loads asked for. */
  static final class Fake implements KneeSearch.Probe<Double> {
    final double capacity;
    final List<Double> asked = new ArrayList<>();
    final List<Boolean> refines = new ArrayList<>();

    Fake(double capacity) {
      this.capacity = capacity;
    }

    @Override
    public Optional<KneeSearch.Judged<Double>> run(double load, boolean refine) {
      asked.add(load);
      refines.add(refine);
      return Optional.of(new KneeSearch.Judged<>(load, refine, Math.min(load, capacity), load <= capacity));
    }
  }

  static KneeSearch.Settings open(double start) {
    return new KneeSearch.Settings(start, 2, 6, 0.1, 3, false);
  }

  @Test
  void doublesUntilAStepBreaksThenBisectsToTheResolution() {
    Fake fake = new Fake(11.3);
    KneeSearch.Result<Double> r = new KneeSearch<Double>(open(2)).run(fake);
    assertThat(fake.asked).containsExactly(2.0, 4.0, 8.0, 16.0, 12.0, 10.0, 11.0);
    assertThat(fake.refines).containsExactly(false, false, false, false, true, true, true);
    assertThat(r.good()).hasValue(11.0);
    assertThat(r.bad()).hasValue(12.0);
    assertThat(r.stopped()).isFalse();
  }

  @Test
  void wholeLoadsStopWhenNoConcurrencyIsLeftBetween() {
    Fake fake = new Fake(13);
    KneeSearch.Result<Double> r = new KneeSearch<Double>(new KneeSearch.Settings(8, 2, 6, 0.01, 10, true)).run(fake);
    assertThat(fake.asked).containsExactly(8.0, 16.0, 12.0, 14.0, 13.0);
    assertThat(r.good()).hasValue(13.0);
    assertThat(r.bad()).hasValue(14.0);
  }

  @Test
  void theFirstStepBreakingLeavesNoGoodLoad() {
    Fake fake = new Fake(1);
    KneeSearch.Result<Double> r = new KneeSearch<Double>(open(2)).run(fake);
    assertThat(fake.asked).containsExactly(2.0);
    assertThat(r.good()).isEmpty();
    assertThat(r.bad()).hasValue(2.0);
  }

  @Test
  void everyStepSustainableLeavesTheKneeAboveTheHighestLoad() {
    Fake fake = new Fake(1_000);
    KneeSearch.Result<Double> r = new KneeSearch<Double>(open(1)).run(fake);
    assertThat(fake.asked).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0);
    assertThat(r.good()).hasValue(32.0);
    assertThat(r.bad()).isEmpty();
  }

  @Test
  void aStoppingProbeEndsTheSearchKeepingWhatWasMeasured() {
    Fake fake = new Fake(11.3);
    KneeSearch.Probe<Double> stopsAtEight = (load, refine) -> load >= 8 ? Optional.empty() : fake.run(load, refine);
    KneeSearch.Result<Double> r = new KneeSearch<Double>(open(2)).run(stopsAtEight);
    assertThat(r.stopped()).isTrue();
    assertThat(r.steps()).extracting(KneeSearch.Judged::load).containsExactly(2.0, 4.0);
    assertThat(r.good()).hasValue(4.0);
  }

  @Test
  void seededCapacitiesAreAlwaysBracketedWithinTheResolution() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      double capacity = 0.5 + random.nextDouble() * 100;
      double start = 0.1 + random.nextDouble() * (capacity - 0.2); // rounded, still below the capacity
      Fake fake = new Fake(capacity);
      KneeSearch.Result<Double> r = new KneeSearch<Double>(new KneeSearch.Settings(start, 2, 12, 0.1, 10, false))
          .run(fake);
      double good = r.good().orElseThrow();
      double bad = r.bad().orElseThrow();
      assertThat(good).as("capacity %s from %s", capacity, start).isLessThanOrEqualTo(capacity);
      assertThat(bad).as("capacity %s from %s", capacity, start).isGreaterThan(capacity);
      // Within the resolution, or no 0.1 wf/s step left between the two.
      assertThat((bad - good) / good <= 0.1 || bad - good <= 0.1 + 1e-9).as("bracket %s..%s", good, bad).isTrue();
      assertThat(fake.asked.size()).isLessThanOrEqualTo(12 + 10);
    }
  }

  @Test
  void badSettingsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> new KneeSearch.Settings(2, 1, 6, 0.1, 3, false))
        .hasMessage("--factor must be > 1 and <= 10, got 1.0");
    assertThatThrownBy(() -> new KneeSearch.Settings(0.5, 2, 6, 0.1, 3, true))
        .hasMessage("--start must be > 0 and >= 1 workflow in flight, got 0.5");
    assertThatThrownBy(() -> new KneeSearch.Settings(2, 2, 0, 0.1, 3, false))
        .hasMessage("--max-steps must be 1 to 20, got 0");
    assertThatThrownBy(() -> new KneeSearch.Settings(2, 2, 6, 1.5, 3, false))
        .hasMessage("--resolution must be > 0 and < 1, got 1.5");
  }
}
