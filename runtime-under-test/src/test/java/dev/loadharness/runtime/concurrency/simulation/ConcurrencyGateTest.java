package dev.loadharness.runtime.concurrency.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded gates on the adaptive controller in the simulator, after Caffeine's WindowClimberGateTest:
 * each asserts a numeric bar and names the failure mode it guards.
 */
class ConcurrencyGateTest {

  private static final SlotLimits BOUNDS = new SlotLimits(10, 1, 200);

  private static SimulationResult adaptive(Scenario scenario, long seed) {
    return new Simulator(seed).run(scenario, ConcurrencyPolicy.adaptive(BOUNDS, VegasLimitSettings.defaults()));
  }

  /** Guards oscillation: under steady load the limit settles and stays (<= 2 changes in 540 s). */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1, 2})
  void noOscillationUnderSteadyLoad(long seed) {
    SimulationResult r = adaptive(Scenario.steady(), seed);
    assertThat(r.limitChanges(60, 600)).as("limit changes after a 60 s warm-up").isLessThanOrEqualTo(2);
    assertThat(r.limitChanges(0, 600)).as("limit changes over the whole run").isLessThanOrEqualTo(6);
  }

  /** Guards collapse under overload: keeps >= 65% of peak capacity, >= 1.15x the SDK default 200 slots. */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1, 2})
  void noCollapseUnderOverload(long seed) {
    Scenario s = Scenario.overload();
    SimulationResult ours = adaptive(s, seed);
    SimulationResult wide = new Simulator(seed).run(s, ConcurrencyPolicy.fixed(200));
    double peak = s.model().peakThroughput(1);
    double phase = ours.throughput(s.phaseStart(), s.phaseEnd());
    assertThat(phase / peak).as("overload throughput / peak capacity").isGreaterThanOrEqualTo(0.65);
    assertThat(phase / wide.throughput(s.phaseStart(), s.phaseEnd())).as("vs fixed-200").isGreaterThanOrEqualTo(1.15);
  }

  /** Guards slow recovery: the backlog is drained within 60 s of the overload ending, faster than fixed-200. */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1, 2})
  void recoversQuicklyAfterOverload(long seed) {
    Scenario s = Scenario.overload();
    int ours = adaptive(s, seed).recoverySeconds(50);
    int wide = new Simulator(seed).run(s, ConcurrencyPolicy.fixed(200)).recoverySeconds(50);
    assertThat(ours).as("seconds to drain after overload").isBetween(0, 60);
    assertThat(wide).as("fixed-200 recovery (baseline)").isGreaterThan(ours);
  }

  /** Guards a stuck-low limit after a slow downstream recovers: backlog drained within 45 s. */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1, 2})
  void recoversAfterSlowDownstream(long seed) {
    assertThat(adaptive(Scenario.slowDownstream(), seed).recoverySeconds(50)).isBetween(0, 45);
  }

  /** Guards bounds: whatever the load, the limit stays within min..max. */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1})
  void honoursBounds(long seed) {
    SlotLimits narrow = new SlotLimits(10, 5, 30);
    for (Scenario s : new Scenario[] {Scenario.steady(), Scenario.overload(), Scenario.slowDownstream()}) {
      SimulationResult r = new Simulator(seed).run(s, ConcurrencyPolicy.adaptive(narrow, VegasLimitSettings.defaults()));
      assertThat(r.minLimit()).as(s.name()).isGreaterThanOrEqualTo(5);
      assertThat(r.maxLimit()).as(s.name()).isLessThanOrEqualTo(30);
    }
  }
}
