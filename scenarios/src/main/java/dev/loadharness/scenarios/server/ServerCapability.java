package dev.loadharness.scenarios.server;

/**
 * Server behaviours a scenario may depend on. The in-memory test server lacks all of them (see
 * docs/architecture.md), so scenarios that need one declare it and are skipped there with the reason.
 */
public enum ServerCapability {
  STICKY_SCHEDULE_TO_START_TIMEOUT("enforces the sticky schedule-to-start timeout"),
  DESCRIBE_TASK_QUEUE("answers DescribeTaskQueue (backlog telemetry)"),
  RESET_STICKY_TASK_QUEUE("answers ResetStickyTaskQueue"),
  POLLER_SCALING_HINTS("sends poller-scaling hints to autoscaling pollers"),
  STICKY_WORKER_RECOVERY("moves workflows of a dead sticky worker to a live one"),
  PERSISTENT_HISTORY("keeps histories outside the JVM heap"),
  VISIBILITY_COUNT("counts executions through visibility (CountWorkflowExecutions)"),
  SCHEDULES("runs Temporal Schedules (CreateSchedule and the scheduler behind it)");

  private final String description;

  ServerCapability(String description) {
    this.description = description;
  }

  /** What a server with this capability does, phrased to follow "the server ...". */
  public String description() {
    return description;
  }
}
