package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentResult;
import dev.loadharness.gatling.pipeline.SegmentTask;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules every segment at once and waits for all. Retries are Temporal's: an attempt whose driver stops
 * heartbeating times out and is retried on whichever driver polls next (its workflow ids are deterministic,
 * so the new attempt attaches to what the old one started). A cancelled run waits for its segments to stop.
 */
public final class LoadTestWorkflowImpl implements LoadTestWorkflow {

  @Override
  public LoadTestResult run(LoadTestRequest request) {
    SegmentActivities segments = Workflow.newActivityStub(SegmentActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(request.driverQueue())
        .setStartToCloseTimeout(Duration.ofMillis(request.startToCloseMs()))
        .setHeartbeatTimeout(Duration.ofMillis(request.heartbeatTimeoutMs()))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(1.0)
            .setMaximumAttempts(request.maxAttempts())
            .setDoNotRetry(SegmentActivities.BAD_TASK)
            .build())
        .build());
    List<Promise<SegmentResult>> running = new ArrayList<>();
    for (SegmentTask task : request.tasks()) {
      running.add(Async.function(segments::runSegment, task));
    }
    List<SegmentResult> results = new ArrayList<>();
    for (Promise<SegmentResult> p : running) {
      results.add(p.get());
    }
    return new LoadTestResult(results);
  }
}
