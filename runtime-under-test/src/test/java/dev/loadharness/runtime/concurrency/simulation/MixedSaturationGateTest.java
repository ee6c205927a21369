package dev.loadharness.runtime.concurrency.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded gates on the adaptive controller under mixed saturation (issue 18): blocking activities that
 * hold a slot without CPU, CPU-bound activities and workflow tasks in one worker, with an overload step.
 * The bar is the best fixed setting the same run could have been given by hand: the plan's 10/14, the
 * adaptive bounds' maximum 40/56, and the SDK's default 200/200 (the resource-based tuner's ceiling).
 */
class MixedSaturationGateTest {

  private static List<MixedResult> fixed(MixedScenario s, long seed) {
    return List.of(MixedSimulationReport.fixed(s, seed, 10, 14), MixedSimulationReport.fixed(s, seed, 40, 56),
        MixedSimulationReport.fixed(s, seed, 200, 200));
  }

  private static String line(MixedResult r) {
    return String.format(Locale.ROOT, "%s %s: %.2f wf/s, activity sts p95 %.0f ms, e2e p95 %.1f s, limits %.1f/%.1f",
        r.scenario().name(), r.policy(), r.phaseThroughput(), r.phaseActivityStsP95(), r.phaseEndToEndP95() / 1000,
        r.phaseMeanWorkflowLimit(), r.phaseMeanActivityLimit());
  }

  /**
   * Guards throttling the wrong work under overload: the overload phase's workflow throughput is at
   * least 95% of the best fixed setting's and 15% above the starting point's (10/14); the end-to-end
   * p95 of the workflows started in the phase is at most 10% above the lowest any fixed setting got;
   * the activity schedule-to-start p95 is no worse than the starting point's. (Schedule-to-start is
   * not compared with 200/200: with more slots than work it moves the queue into the worker, where
   * end-to-end latency sees it.)
   */
  @ParameterizedTest
  @ValueSource(longs = {SimulationReport.SEED, 1, 2})
  void winsUnderMixedOverload(long seed) {
    for (MixedScenario s : List.of(MixedScenario.sharedMachine(), MixedScenario.dedicatedMachine())) {
      List<MixedResult> fixed = fixed(s, seed);
      MixedResult best = fixed.stream().max(Comparator.comparingDouble(MixedResult::phaseThroughput)).orElseThrow();
      MixedResult fastest = fixed.stream().min(Comparator.comparingDouble(MixedResult::phaseEndToEndP95)).orElseThrow();
      MixedResult start = fixed.get(0);
      MixedResult ours = MixedSimulationReport.adaptive(s, seed);
      String context = "seed " + seed + "\n  " + line(ours) + "\n  best " + line(best) + "\n  fastest "
          + line(fastest) + "\n  start " + line(start);
      System.out.println(context);
      assertThat(ours.phaseThroughput() / best.phaseThroughput()).as("throughput vs best fixed; " + context)
          .isGreaterThanOrEqualTo(0.95);
      assertThat(ours.phaseThroughput() / start.phaseThroughput()).as("throughput vs 10/14; " + context)
          .isGreaterThanOrEqualTo(1.15);
      assertThat(ours.phaseEndToEndP95()).as("end-to-end p95; " + context)
          .isLessThanOrEqualTo(1.1 * fastest.phaseEndToEndP95());
      assertThat(ours.phaseActivityStsP95()).as("activity schedule-to-start p95; " + context)
          .isLessThanOrEqualTo(start.phaseActivityStsP95());
    }
  }
}
