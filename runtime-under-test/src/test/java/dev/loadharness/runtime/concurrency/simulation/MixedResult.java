package dev.loadharness.runtime.concurrency.simulation;

import java.util.List;

/**
 * One pair of policies on one {@link MixedScenario}: the per-second series and the overload phase's
 * pooled schedule-to-start p95s.
 *
 * @param scenario the scenario run
 * @param policy the policies' name
 * @param seconds one entry per simulated second
 * @param phaseWorkflowTaskStsP95 p95 schedule-to-start of workflow tasks started during the phase, ms
 * @param phaseActivityStsP95 p95 schedule-to-start of activities started during the phase, ms
 * @param workflowLatencies {start second, end-to-end ms} of every completed workflow
 */
record MixedResult(MixedScenario scenario, String policy, List<Second> seconds, double phaseWorkflowTaskStsP95,
    double phaseActivityStsP95, List<double[]> workflowLatencies) {

  /** One simulated second. */
  record Second(int second, int workflowLimit, int activityLimit, int workflowsCompleted,
      double workflowTaskStsP95, double activityStsP95, int workflowTaskBacklog, int activityBacklog,
      double cpuLoad) {}

  /** Workflows completed per second over seconds [from, to). */
  double throughput(int from, int to) {
    return seconds.subList(from, to).stream().mapToInt(Second::workflowsCompleted).average().orElse(0);
  }

  /** Workflows completed per second during the overload phase. */
  double phaseThroughput() {
    return throughput(scenario.phaseStart(), scenario.phaseEnd());
  }

  /** Workflows completed over the whole run. */
  int completed() {
    return seconds.stream().mapToInt(Second::workflowsCompleted).sum();
  }

  /** p95 end-to-end latency of workflows started during the phase, ms (NaN if none completed). */
  double phaseEndToEndP95() {
    return MixedSimulator.p95(workflowLatencies.stream()
        .filter(l -> scenario.inPhase(l[0])).map(l -> l[1]).toList());
  }

  /** Mean activity limit over the phase. */
  double phaseMeanActivityLimit() {
    return seconds.subList(scenario.phaseStart(), scenario.phaseEnd()).stream()
        .mapToInt(Second::activityLimit).average().orElse(0);
  }

  /** Mean workflow-task limit over the phase. */
  double phaseMeanWorkflowLimit() {
    return seconds.subList(scenario.phaseStart(), scenario.phaseEnd()).stream()
        .mapToInt(Second::workflowLimit).average().orElse(0);
  }

  /** Mean process CPU load over the phase. */
  double phaseCpu() {
    return seconds.subList(scenario.phaseStart(), scenario.phaseEnd()).stream()
        .mapToDouble(Second::cpuLoad).average().orElse(0);
  }
}
