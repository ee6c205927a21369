package dev.loadharness.runtime.concurrency.simulation;

import java.util.List;

/**
 * One workflow type of a {@link MixedScenario}'s mix: its share of the starts and its activities in
 * order. A workflow runs a workflow task before its first activity, between activities and after the
 * last one, so {@code n} activities mean {@code n + 1} workflow tasks.
 *
 * @param type the workflow type (the workflow-task pool's accounting key)
 * @param weight relative share of workflow starts, &gt; 0
 * @param activities the activities in the order the workflow runs them, at least one
 */
record WorkflowShape(String type, double weight, List<Activity> activities) {

  WorkflowShape {
    activities = List.copyOf(activities);
    if (!(weight > 0) || activities.isEmpty()) {
      throw new IllegalArgumentException("workflow shape " + type + " needs weight > 0 and an activity, got "
          + weight + ", " + activities);
    }
  }

  /**
   * One activity: CPU work on its thread, then time holding the slot and thread without CPU (a JDBC
   * or blocking HTTP call), then time without a slot before its result reaches the workflow (an
   * activity completed asynchronously, as the catalog's {@code io} activity is).
   *
   * @param type the activity type (the activity pool's accounting key)
   * @param cpuMillis CPU time, &gt;= 0
   * @param blockingMillis time holding the slot without CPU, &gt;= 0
   * @param asyncMillis time between releasing the slot and the workflow's next task, &gt;= 0
   */
  record Activity(String type, double cpuMillis, double blockingMillis, double asyncMillis) {

    Activity {
      if (cpuMillis < 0 || blockingMillis < 0 || asyncMillis < 0) {
        throw new IllegalArgumentException("activity " + type + " needs non-negative times, got "
            + cpuMillis + ", " + blockingMillis + ", " + asyncMillis);
      }
    }

    /** A CPU-bound activity. */
    static Activity cpu(String type, double cpuMillis) {
      return new Activity(type, cpuMillis, 0, 0);
    }
  }
}
