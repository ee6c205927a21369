package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentTask;
import java.util.List;

/**
 * The input of {@link LoadTestWorkflow}: the segments and how their activities are scheduled.
 *
 * @param tasks one per segment
 * @param driverQueue the task queue the drivers poll
 * @param heartbeatTimeoutMs a segment whose driver has not heartbeated for this long is retried elsewhere
 * @param startToCloseMs bound on one attempt of a segment (the spec's time budget plus margins)
 * @param maxAttempts attempts per segment before the run fails
 */
public record LoadTestRequest(List<SegmentTask> tasks, String driverQueue, long heartbeatTimeoutMs,
    long startToCloseMs, int maxAttempts) {

  /** Validates the queue, the timeouts and the attempts. */
  public LoadTestRequest {
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a load test needs at least one segment");
    }
    if (driverQueue == null || driverQueue.isBlank()) {
      throw new IllegalArgumentException("driver task queue must be non-blank");
    }
    if (heartbeatTimeoutMs < 1000 || startToCloseMs <= heartbeatTimeoutMs || maxAttempts < 1) {
      throw new IllegalArgumentException("segment activity options: heartbeat timeout " + heartbeatTimeoutMs
          + " ms (>= 1000), start-to-close " + startToCloseMs + " ms (> heartbeat), attempts " + maxAttempts + " (>= 1)");
    }
  }
}
