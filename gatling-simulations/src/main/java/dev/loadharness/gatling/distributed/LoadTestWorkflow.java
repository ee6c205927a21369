package dev.loadharness.gatling.distributed;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The coordinator of a distributed run, a workflow on the control task queue: it schedules one
 * {@link SegmentActivities#runSegment} per segment on the driver task queue and returns their results, so
 * Temporal itself places segments on drivers, notices a driver that stopped heartbeating and retries its
 * segment on another.
 */
@WorkflowInterface
public interface LoadTestWorkflow {

  /** Runs every segment of {@code request}; one result per segment, in segment order. */
  @WorkflowMethod
  LoadTestResult run(LoadTestRequest request);
}
