package dev.loadharness.runtime.concurrency.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.concurrency.SlotLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VegasConcurrencyLimitTest {

  private static final VegasLimitSettings NO_COOLDOWN = VegasLimitSettings.defaults().withCooldownIntervals(0);

  private static Observation busy(int limit, double serviceMillis, int waiting) {
    return new Observation(limit, limit, waiting, 100, serviceMillis, 0, 50, 20, 0.3, 0.3);
  }

  @Test
  void growsWhenSaturatedWithFlatServiceTimeAndWaitingReservations() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100), NO_COOLDOWN);
    LimitDecision d = vegas.update(busy(10, 100, 5));
    assertThat(d.direction()).isEqualTo(Direction.UP);
    assertThat(d.limit()).isEqualTo(16); // queue 0 <= log10(10): step by beta = 6
    assertThat(d.reason()).contains("5 reservations waiting");
  }

  @Test
  void shrinksWhenServiceTimeRisesAboveBaseline() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(20, 1, 100), NO_COOLDOWN);
    vegas.update(busy(40, 100, 0));
    LimitDecision d = vegas.update(busy(40, 300, 0)); // smoothed 200: queue 40 * 0.5 = 20 > beta 9.6
    assertThat(d.direction()).isEqualTo(Direction.DOWN);
    assertThat(d.limit()).isEqualTo(38);
  }

  @Test
  void holdsUnderSteadyInputWithoutDemand() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(20, 1, 100), NO_COOLDOWN);
    for (int i = 0; i < 50; i++) {
      LimitDecision d = vegas.update(busy(20, 100, 0));
      assertThat(d.direction()).as("interval %d: %s", i, d.reason()).isEqualTo(Direction.HOLD);
      assertThat(d.limit()).isEqualTo(20);
    }
  }

  @Test
  void noGrowthWhileUnderUsedEvenWithBacklog() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(20, 1, 100), NO_COOLDOWN);
    LimitDecision d = vegas.update(new Observation(20, 9, 0, 100, 100, 0, 5_000, 20, 0.3, 0.3));
    assertThat(d.direction()).isEqualTo(Direction.HOLD);
    assertThat(d.reason()).contains("under-used");
  }

  @Test
  void scheduleToStartAboveTargetIsDemandUnlessPollsAreIdle() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100), NO_COOLDOWN);
    assertThat(vegas.update(new Observation(10, 10, 0, 100, 100, 0, 5_000, 20, 0.3, 0.3)).direction())
        .isEqualTo(Direction.UP);
    VegasConcurrencyLimit idle = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100), NO_COOLDOWN);
    assertThat(idle.update(new Observation(10, 10, 0, 100, 100, 0, 5_000, 50_000, 0.3, 0.3)).direction())
        .isEqualTo(Direction.HOLD);
  }

  @Test
  void honoursMaxAndMin() {
    VegasConcurrencyLimit up = new VegasConcurrencyLimit(new SlotLimits(10, 5, 12), NO_COOLDOWN);
    assertThat(up.update(busy(10, 100, 5)).limit()).isEqualTo(12);
    assertThat(up.update(busy(12, 100, 5)).direction()).isEqualTo(Direction.HOLD);

    VegasConcurrencyLimit down = new VegasConcurrencyLimit(new SlotLimits(6, 5, 12), NO_COOLDOWN);
    assertThat(down.update(new Observation(6, 6, 0, 100, 100, 0, 50, 20, 0.3, 0.99)).limit()).isEqualTo(5);
    assertThat(down.update(new Observation(5, 5, 0, 100, 100, 0, 50, 20, 0.3, 0.99)).direction())
        .isEqualTo(Direction.HOLD);
  }

  @Test
  void neverMoreThanHalvesInOneStep() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(100, 1, 100),
        new VegasLimitSettings(1, 3, 6, 30, 0, 200, 10_000, 0.75, 0.9, 0.85, 0.5));
    LimitDecision d = vegas.update(new Observation(100, 100, 0, 100, 100, 0, 50, 20, 0.99, 0.3));
    assertThat(d.limit()).isEqualTo(50);
  }

  @Test
  void errorReleasesBackOffMultiplicatively() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(50, 1, 100), NO_COOLDOWN);
    LimitDecision d = vegas.update(new Observation(50, 50, 3, 100, 100, 4, 50, 20, 0.3, 0.3));
    assertThat(d).isEqualTo(new LimitDecision(45, Direction.DOWN, "down: 4 error releases"));
  }

  @Test
  void cooldownHoldsTheIntervalsAfterAChange() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100),
        VegasLimitSettings.defaults().withCooldownIntervals(2));
    assertThat(vegas.update(busy(10, 100, 5)).limit()).isEqualTo(16);
    LimitDecision first = vegas.update(busy(16, 100, 5));
    LimitDecision second = vegas.update(busy(16, 100, 5));
    assertThat(first.direction()).isEqualTo(Direction.HOLD);
    assertThat(first.reason()).startsWith("cooldown 1/2");
    assertThat(second.direction()).isEqualTo(Direction.HOLD);
    assertThat(vegas.update(busy(16, 100, 5)).direction()).isEqualTo(Direction.UP);
  }

  @Test
  void permanentlySlowerDownstreamBecomesTheBaseline() {
    VegasLimitSettings s = new VegasLimitSettings(1, 3, 6, 5, 0, 200, 10_000, 0.75, 0.9, 0.85, 0.9);
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(30, 1, 100), s);
    vegas.update(busy(30, 100, 0));
    int limit = 30;
    for (int i = 0; i < 5; i++) {
      limit = vegas.update(busy(limit, 400, 0)).limit();
    }
    assertThat(vegas.baselineServiceMillis()).isEqualTo(400);
    assertThat(vegas.update(busy(limit, 400, 0)).direction()).isEqualTo(Direction.HOLD);
  }

  @Test
  void aMixShiftTowardASlowerTaskTypeIsNotQueueing() {
    // Warm-up saw only 100 ms tasks; then 2 s blocking tasks arrive and take most completions. Per
    // type nothing got slower, slots are full and reservations wait: grow, do not shrink.
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    vegas.update(mixed(14, 0, Map.of("cpu", new ServiceTime(50, 100))));
    LimitDecision d = vegas.update(mixed(14, 5, Map.of("cpu", new ServiceTime(5, 100),
        "blocking", new ServiceTime(7, 2_000))));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.UP);

    // The scalar Vegas this replaces would have read the same interval as a queue of ~13 and shrunk.
    VegasConcurrencyLimit scalar = new VegasConcurrencyLimit(new SlotLimits(10, 1, 56),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    scalar.update(busy(14, 100, 0));
    assertThat(scalar.update(busy(14, (5 * 100 + 7 * 2_000) / 12.0, 5)).direction()).isEqualTo(Direction.DOWN);
  }

  @Test
  void aTypeThatGotSlowerStillReadsAsQueueingInAMix() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 56),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    vegas.update(mixed(14, 0, Map.of("cpu", new ServiceTime(50, 100), "blocking", new ServiceTime(5, 2_000))));
    LimitDecision d = vegas.update(mixed(14, 0, Map.of("cpu", new ServiceTime(50, 800),
        "blocking", new ServiceTime(5, 2_000))));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.DOWN);
  }

  @Test
  void underDemandADecreaseThatCostGoodputIsUndone() {
    // Contention from outside (service 3x baseline whatever the limit): 20 -> 19 loses a slot's worth
    // of goodput (limit - queue: 6.67 -> 6.33 slots), so the throughput objective restores 20.
    VegasLimitSettings s = new VegasLimitSettings(1, 3, 6, 30, 0, 200, 10_000, 0.75, 0.9, 0.85, 0.9);
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100), s);
    vegas.update(busy(20, 100, 0));
    assertThat(vegas.update(busy(20, 300, 5)).limit()).isEqualTo(19);
    LimitDecision d = vegas.update(busy(19, 300, 5));
    assertThat(d.limit()).as(d.reason()).isEqualTo(20);
    assertThat(d.reason()).contains("decrease cost goodput");
  }

  @Test
  void underDemandADecreaseThatRaisedGoodputStands() {
    // Self-inflicted contention: one slot fewer and service drops from 300 to 200 ms, goodput rises
    // (6.67 -> 9.5 slots): Vegas keeps shrinking.
    VegasLimitSettings s = new VegasLimitSettings(1, 3, 6, 30, 0, 200, 10_000, 0.75, 0.9, 0.85, 0.9);
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 100), s);
    vegas.update(busy(20, 100, 0));
    assertThat(vegas.update(busy(20, 300, 5)).limit()).isEqualTo(19);
    LimitDecision d = vegas.update(busy(19, 200, 5));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.DOWN);
  }

  @Test
  void delayAloneNeverCutsBelowTheInitialLimit() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56), NO_COOLDOWN);
    vegas.update(busy(14, 100, 0));
    LimitDecision waiting = vegas.update(busy(14, 1_000, 5));
    assertThat(waiting.direction()).as(waiting.reason()).isEqualTo(Direction.HOLD);
    assertThat(waiting.reason()).contains("below its initial 14");
    // Nor does it without unmet demand (grid cell b50-l200: a lull of one interval at the end of the
    // start-up ramp cut 10 -> 9, and the cut outlasted it by a 30 s interval).
    LimitDecision lull = vegas.update(busy(14, 1_000, 0));
    assertThat(lull.direction()).as(lull.reason()).isEqualTo(Direction.HOLD);
    assertThat(lull.reason()).contains("no unmet demand").contains("below its initial 14");
    // The process's CPU on CPU-consuming slots, heap and error releases still cut below it.
    LimitDecision cpu = vegas.update(new Observation(14, 14, 5, 100, 1_000, 0, 50, 20, 0.95, 0.3));
    assertThat(cpu.limit()).as(cpu.reason()).isLessThan(14);
    LimitDecision heap = vegas.update(new Observation(14, 14, 0, 100, 1_000, 0, 50, 20, 0.3, 0.95));
    assertThat(heap.limit()).as(heap.reason()).isLessThan(14);
    LimitDecision drops = vegas.update(new Observation(14, 14, 0, 100, 1_000, 3, 50, 20, 0.3, 0.3));
    assertThat(drops.limit()).as(drops.reason()).isLessThan(14);
  }

  @Test
  void delayTakesALimitAboveTheStartBackToItAndNoFurther() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 56), NO_COOLDOWN);
    vegas.update(busy(11, 100, 0));
    LimitDecision down = vegas.update(busy(11, 1_000, 0));
    assertThat(down.limit()).as(down.reason()).isEqualTo(10);
    LimitDecision hold = vegas.update(busy(10, 1_000, 0));
    assertThat(hold.direction()).as(hold.reason()).isEqualTo(Direction.HOLD);
  }

  @Test
  void queueingIsWeightedBySlotTimeNotByCompletions() {
    // 40 CPU tasks got 3x slower, but they hold 40 x 300 ms of 40 x 300 + 10 x 2 s of slot time
    // (Little's law: 37% of the slots). Weighted by completions (80%) the queue would read
    // 14 x 0.8 x 0.5 = 5.6 (hold at best); weighted by slot time it is 14 x 0.375 x 0.5 = 2.6 < alpha: grow.
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    vegas.update(mixed(14, 0, Map.of("cpu", new ServiceTime(40, 100), "blocking", new ServiceTime(10, 2_000))));
    LimitDecision d = vegas.update(mixed(14, 5, Map.of("cpu", new ServiceTime(40, 300),
        "blocking", new ServiceTime(10, 2_000))));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.UP);
  }

  @Test
  void highCpuBacksOffOnlyTheCpuConsumingShareOfTheSlots() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(40, 1, 100),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    // CPU-bound work holding all the slots: the old 10% back-off, 40 -> 36.
    LimitDecision cpuBound = vegas.update(withCpu(40, 0, 0.95, Map.of("cpu", new ServiceTime(100, 100, 95))));
    assertThat(cpuBound.limit()).as(cpuBound.reason()).isEqualTo(36);

    // Blocking work (5 ms of CPU in 2 s) holding 95% of the slot time: 40 x 5% x 10% = 0.2 slots
    // to take back, so no back-off; demand waits, so the limit grows by the non-CPU share of a step.
    VegasConcurrencyLimit mixed = new VegasConcurrencyLimit(new SlotLimits(40, 1, 100),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    Map<String, ServiceTime> types = Map.of("cpu", new ServiceTime(10, 100, 95),
        "blocking", new ServiceTime(19, 2_000, 5));
    LimitDecision d = mixed.update(withCpu(40, 5, 0.95, types));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.UP);
  }

  @Test
  void cpuBoundWorkDoesNotGrowAboveTheCpuCeiling() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(40, 1, 100),
        VegasLimitSettings.defaults().withCooldownIntervals(0));
    LimitDecision d = vegas.update(withCpu(40, 5, 0.8, Map.of("cpu", new ServiceTime(100, 100, 95))));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.HOLD);
    assertThat(d.reason()).contains("growth ceiling");
  }

  @Test
  void starvingMeansTasksWaitOnTheServerWhileServiceTimeReadsAsQueueing() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(10, 1, 40), NO_COOLDOWN);
    vegas.update(busy(10, 60, 0));
    assertThat(vegas.starving()).as("flat service time").isFalse();
    // 60 -> 300 ms (smoothed 180): queue 10 x (1 - 60/180) = 6.7 >= alpha 3, schedule-to-start 2 s.
    vegas.update(new Observation(10, 10, 5, 100, 300, 0, 2_000, 20, 0.6, 0.3));
    assertThat(vegas.starving()).isTrue();
    // The same queue with tasks started on time, or with idle polls, is not starving.
    vegas.update(new Observation(10, 10, 5, 100, 300, 0, 50, 20, 0.6, 0.3));
    assertThat(vegas.starving()).as("schedule-to-start below target").isFalse();
    vegas.update(new Observation(10, 10, 0, 100, 300, 0, 2_000, 50_000, 0.6, 0.3));
    assertThat(vegas.starving()).as("idle polls").isFalse();
  }

  @Test
  void anActivityLimitAboveItsStartYieldsToStarvingWorkflowTasks() {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56), NO_COOLDOWN);
    Map<String, ServiceTime> types = Map.of("Cpu", new ServiceTime(20, 120, 120),
        "BlockingIo", new ServiceTime(10, 2_000, 1));
    // Flat service times and reservations waiting: Vegas would grow 22 -> 23.
    vegas.update(starving(22, types, false));
    LimitDecision d = vegas.update(starving(22, types, true));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.DOWN);
    assertThat(d.limit()).isEqualTo(14);
    assertThat(d.reason()).contains("workflow tasks starving 0 intervals ago").contains("CPU-consuming [Cpu]");
  }

  @Test
  void afterWorkflowTasksStarvedNoGrowthAboveTheStartForTheBaselineWindow() {
    VegasLimitSettings s = new VegasLimitSettings(0.5, 3, 6, 5, 0, 200, 10_000, 0.75, 0.9, 0.85, 0.9);
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56), s);
    Map<String, ServiceTime> types = Map.of("Cpu", new ServiceTime(20, 120, 120));
    vegas.update(starving(10, types, true));
    // Below the start it may grow, but only up to it.
    LimitDecision capped = vegas.update(starving(10, types, false));
    assertThat(capped.limit()).as(capped.reason()).isEqualTo(14);
    assertThat(capped.reason()).contains("capped at the initial 14");
    for (int i = 2; i < 5; i++) {
      LimitDecision d = vegas.update(starving(14, types, false));
      assertThat(d.direction()).as("%d intervals after: %s", i, d.reason()).isEqualTo(Direction.HOLD);
      assertThat(d.reason()).contains("no growth above the initial 14");
    }
    // Five intervals (the baseline window) without the signal: Vegas grows again, by beta 6 x log10(14).
    assertThat(vegas.update(starving(14, types, false)).limit()).isEqualTo(21);
  }

  @Test
  void aPoolOfBlockingWorkDoesNotYield() {
    // 5 ms of CPU in 2 s: CPU intensity 0.0025, fewer slots would free no CPU for the workflow tasks.
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(new SlotLimits(14, 1, 56), NO_COOLDOWN);
    Map<String, ServiceTime> types = Map.of("BlockingIo", new ServiceTime(10, 2_000, 5));
    vegas.update(starving(22, types, false));
    LimitDecision d = vegas.update(starving(22, types, true));
    assertThat(d.direction()).as(d.reason()).isEqualTo(Direction.UP);
  }

  /** A saturated activity interval with reservations waiting, as a limit that would grow sees it. */
  private static Observation starving(int limit, Map<String, ServiceTime> types, boolean workflowTasksStarving) {
    long completed = types.values().stream().mapToLong(ServiceTime::completed).sum();
    double mean = types.values().stream().mapToDouble(t -> t.completed() * t.meanMillis()).sum() / completed;
    return new Observation(limit, limit, 5, completed, mean, 0, 50, 20, 0.6, 0.3, types, workflowTasksStarving);
  }

  private static Observation mixed(int limit, int waiting, Map<String, ServiceTime> types) {
    return withCpu(limit, waiting, 0.3, types);
  }

  private static Observation withCpu(int limit, int waiting, double cpu, Map<String, ServiceTime> types) {
    long completed = types.values().stream().mapToLong(ServiceTime::completed).sum();
    double mean = types.values().stream().mapToDouble(t -> t.completed() * t.meanMillis()).sum() / completed;
    return new Observation(limit, limit, waiting, completed, mean, 0, 50, 20, cpu, 0.3, types);
  }

  @Test
  void rejectsSettingsOutOfRangeNamingTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new VegasLimitSettings(0.5, 3, 6, 30, 1, 200, 10_000, 0.75, 0.9, 0.85, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backoffRatio")
        .hasMessageContaining("0.2");
  }
}
