package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentResult;
import dev.loadharness.gatling.pipeline.SegmentRun;
import dev.loadharness.gatling.pipeline.SegmentTask;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.SpecException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A driver's segment activity: one segment at a time (the driver's worker allows one activity), through
 * {@link SegmentRun}, heartbeating the progress line. A task no driver can run fails without retry; a segment
 * the driver stopped (it is shutting down) fails to be retried on another driver; a cancelled one reports
 * the cancellation.
 */
public final class SegmentActivitiesImpl implements SegmentActivities {
  private final String driver;
  private final ServerEnvironment server;
  private final WorkflowClient client;
  private final Path dir;
  private final PrintStream out;
  private final AtomicReference<String> stopping = new AtomicReference<>();

  /**
   * @param driver this driver's name in records
   * @param server the cluster under test
   * @param client a client of it
   * @param dir where the segments' files go
   */
  public SegmentActivitiesImpl(String driver, ServerEnvironment server, WorkflowClient client, Path dir,
      PrintStream out) {
    this.driver = driver;
    this.server = server;
    this.client = client;
    this.dir = dir;
    this.out = out;
  }

  /** Stops the running segment at its next progress tick (the driver is shutting down). */
  public void stop(String reason) {
    stopping.set(reason);
  }

  @Override
  public SegmentResult runSegment(SegmentTask task) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    int attempt = context.getInfo().getAttempt();
    Optional<String> previous = context.getHeartbeatDetails(String.class);
    if (!task.namespace().equals(server.namespace())) {
      throw ApplicationFailure.newNonRetryableFailure(driver + " is connected to namespace " + server.namespace()
          + " of " + server.target() + ", but the run's workflows are in namespace " + task.namespace()
          + " (set TEMPORAL_NAMESPACE of the driver fleet)", BAD_TASK);
    }
    try {
      task.spec();
    } catch (SpecException | IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(driver + " cannot run " + task.specSource() + ": "
          + e.getMessage(), BAD_TASK);
    }
    AtomicReference<String> stoppedBy = new AtomicReference<>();
    AtomicReference<ActivityCompletionException> cancelled = new AtomicReference<>();
    SegmentResult result = SegmentRun.run(task, attempt, driver, previous, server, client, dir, out, line -> {
      String stop = stopping.get();
      if (stop != null) {
        stoppedBy.set(stop);
        return Optional.of(stop);
      }
      try {
        context.heartbeat(line);
        return Optional.empty();
      } catch (ActivityCompletionException e) {
        // Cancelled by the coordinator, or this attempt already timed out: its result would not count.
        cancelled.set(e);
        return Optional.of("the segment's activity ended on the server (" + e.getClass().getSimpleName() + ")");
      }
    });
    if (cancelled.get() != null) {
      throw cancelled.get();
    }
    if (stoppedBy.get() != null) {
      throw ApplicationFailure.newFailure(driver + " stopped " + task.segment().id() + " before its end: "
          + stoppedBy.get() + "; it is retried on another driver", DRIVER_STOPPED);
    }
    out.println(driver + ": " + task.segment().id() + " done: started " + result.started() + ", completed "
        + result.completed() + ", attached " + result.attached());
    return result;
  }
}
