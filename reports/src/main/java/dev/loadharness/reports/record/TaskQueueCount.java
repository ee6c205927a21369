package dev.loadharness.reports.record;

/**
 * One task queue of a run spread over several, as the server counted it after the run: how many of the run's
 * workflows were started on it and how many of those completed.
 *
 * @param name the task queue
 * @param started the run's workflow executions on the queue (any status)
 * @param completed those whose status is Completed
 */
public record TaskQueueCount(String name, long started, long completed) {

  /** Validates the name and the counts. */
  public TaskQueueCount {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("task_queues[].name must be non-blank");
    }
    if (started < 0 || completed < 0 || completed > started) {
      throw new IllegalArgumentException("task_queues[" + name + "] needs 0 <= completed <= started, was " + completed
          + " of " + started);
    }
  }
}
