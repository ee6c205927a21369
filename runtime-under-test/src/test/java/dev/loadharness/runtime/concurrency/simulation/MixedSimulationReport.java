package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs the fixed settings and the adaptive controller on the mixed scenarios; one Markdown table. */
final class MixedSimulationReport {

  /** The runtime's defaults for the comparison runs: initial 10/14, max 4x initial (RuntimeConfigLoader). */
  static final SlotLimits WORKFLOW_BOUNDS = new SlotLimits(10, 1, 40);
  static final SlotLimits ACTIVITY_BOUNDS = new SlotLimits(14, 1, 56);

  private MixedSimulationReport() {}

  static MixedResult fixed(MixedScenario s, long seed, int workflowSlots, int activitySlots) {
    return new MixedSimulator(seed).run(s, "fixed-" + workflowSlots + "/" + activitySlots,
        ConcurrencyPolicy.fixed(workflowSlots), ConcurrencyPolicy.fixed(activitySlots));
  }

  static MixedResult adaptive(MixedScenario s, long seed) {
    return new MixedSimulator(seed).run(s, "adaptive-vegas",
        ConcurrencyPolicy.adaptive(WORKFLOW_BOUNDS, VegasLimitSettings.defaults()),
        ConcurrencyPolicy.adaptive(ACTIVITY_BOUNDS, VegasLimitSettings.defaults()));
  }

  static List<MixedResult> runAll(long seed) {
    List<MixedResult> results = new ArrayList<>();
    for (MixedScenario s : List.of(MixedScenario.sharedMachine(), MixedScenario.dedicatedMachine())) {
      results.add(fixed(s, seed, 10, 14));
      results.add(fixed(s, seed, 40, 56));
      results.add(fixed(s, seed, 200, 200));
      results.add(adaptive(s, seed));
    }
    return results;
  }

  static String markdown(List<MixedResult> results, long seed) {
    StringBuilder out = new StringBuilder("Seed " + seed + ".\n\n");
    out.append("| scenario | policy | phase wf/s | all wf | phase e2e p95 s | phase WFT sts p95 ms"
        + " | phase activity sts p95 ms | phase limits wf/act (mean) | phase cpu |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (MixedResult r : results) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %d | %.1f | %.0f | %.0f | %.1f/%.1f | %.2f |%n",
          r.scenario().name(), r.policy(), r.phaseThroughput(), r.completed(), r.phaseEndToEndP95() / 1000,
          r.phaseWorkflowTaskStsP95(), r.phaseActivityStsP95(), r.phaseMeanWorkflowLimit(),
          r.phaseMeanActivityLimit(), r.phaseCpu()));
    }
    return out.toString();
  }
}
