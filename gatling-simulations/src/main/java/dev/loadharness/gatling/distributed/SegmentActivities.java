package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentResult;
import dev.loadharness.gatling.pipeline.SegmentTask;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a driver process does for a distributed run: run one segment and return what it measured. */
@ActivityInterface
public interface SegmentActivities {
  /** Failure type of a task no driver can run (a spec that does not validate): never retried. */
  String BAD_TASK = "BadSegmentTask";
  /** Failure type of a segment its driver stopped before the end (shutdown, cancellation): retried. */
  String DRIVER_STOPPED = "DriverStopped";

  /** Runs {@code task}'s segment, heartbeating its progress every second. */
  @ActivityMethod
  SegmentResult runSegment(SegmentTask task);
}
