package dev.loadharness.runtime.concurrency.simulation;

import java.util.List;

/**
 * The time series of one policy on one scenario, with the summaries the report and gates read.
 *
 * @param scenario the scenario run
 * @param policy the policy's name
 * @param intervals one entry per control interval (1 simulated second)
 */
record SimulationResult(Scenario scenario, String policy, List<IntervalStats> intervals) {

  /** Completed tasks per second over intervals [from, to). */
  double throughput(int from, int to) {
    return intervals.subList(from, to).stream().mapToInt(IntervalStats::completed).average().orElse(0);
  }

  /** Completed tasks per second over the whole run. */
  double throughput() {
    return throughput(0, intervals.size());
  }

  /** How often the limit changed over intervals [from, to). */
  int limitChanges(int from, int to) {
    int changes = 0;
    for (int i = Math.max(1, from); i < to; i++) {
      if (intervals.get(i).limit() != intervals.get(i - 1).limit()) {
        changes++;
      }
    }
    return changes;
  }

  int minLimit() {
    return intervals.stream().mapToInt(IntervalStats::limit).min().orElse(0);
  }

  int maxLimit() {
    return intervals.stream().mapToInt(IntervalStats::limit).max().orElse(0);
  }

  double meanLimit() {
    return intervals.stream().mapToInt(IntervalStats::limit).average().orElse(0);
  }

  int maxBacklog() {
    return intervals.stream().mapToInt(IntervalStats::backlog).max().orElse(0);
  }

  /** The worst interval's schedule-to-start p95, in milliseconds. */
  double worstScheduleToStartP95() {
    return intervals.stream().mapToDouble(IntervalStats::scheduleToStartP95Millis).filter(v -> !Double.isNaN(v))
        .max().orElse(0);
  }

  /**
   * Seconds after the phase ends until the backlog is back under {@code backlog} for good, or -1
   * if it never is within the run.
   */
  int recoverySeconds(int backlog) {
    int end = scenario.phaseEnd();
    for (int i = end; i < intervals.size(); i++) {
      final int from = i;
      boolean settled = intervals.subList(from, intervals.size()).stream().allMatch(s -> s.backlog() < backlog);
      if (settled) {
        return i - end;
      }
    }
    return -1;
  }
}
