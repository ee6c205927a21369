package dev.loadharness.gatling.action;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.scenarios.catalog.ChainWorkflow;
import dev.loadharness.scenarios.catalog.ScheduleKind;
import dev.loadharness.scenarios.catalog.Shape;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code schedule} kind's calls: a virtual user creates one Temporal Schedule that fires a linear chain
 * every {@code every_s} seconds, {@code fires} times, on the assignment's task queue; its "completed" request waits
 * until every fire has run and closed, records each fire's delay (the action's actual start minus its
 * scheduled time, from the schedule's description) as {@link RunLedger#PROBE_SCHEDULE_FIRE_DELAY}, checks every
 * fired workflow succeeded, and deletes the schedule on every path (success, failure, timeout, abort).
 */
final class ScheduleCalls {
  /** How often a schedule's description is read while its fires run. */
  static final Duration POLL = Duration.ofMillis(500);
  /** Beyond the time budget a schedule keeps no fires, should the driver die before deleting it. */
  static final Duration END_GRACE = Duration.ofMinutes(1);

  private ScheduleCalls() {}

  /** Creates the schedule of {@code assignment} on the driver's executor; completes with its id. */
  static CompletableFuture<String> create(LoadDriver driver, LoadDriver.Assignment assignment) {
    return CompletableFuture.supplyAsync(() -> {
      String id = assignment.workflowId();
      driver.scheduleCreated(id);
      driver.schedules().createSchedule(id, schedule(driver, assignment), ScheduleOptions.newBuilder().build());
      return id;
    }, driver.executor());
  }

  /** The schedule: interval, bounded actions, overlap allowed (a slow fire must not skip the next). */
  static Schedule schedule(LoadDriver driver, LoadDriver.Assignment assignment) {
    Shape shape = assignment.shape();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ChainWorkflow.class)
            .setArguments(ScheduleKind.fired(shape))
            .setOptions(WorkflowOptions.newBuilder()
                .setWorkflowId(assignment.workflowId() + "-fire")
                // The fires go where the assignment's queue rule puts this workflow (task_queues > 1 spreads them).
                .setTaskQueue(driver.taskQueueOf(assignment))
                .setWorkflowRunTimeout(driver.spec().timeBudget().plus(Duration.ofMinutes(5)))
                .build())
            .build())
        .setSpec(ScheduleSpec.newBuilder()
            .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofSeconds(shape.get("every_s", 2)))))
            // The last resort against leftovers (a driver killed with SIGKILL cannot delete it): no fires after this.
            .setEndAt(Instant.now().plus(driver.spec().timeBudget()).plus(END_GRACE))
            .build())
        .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL).build())
        .setState(ScheduleState.newBuilder().setLimitedAction(true).setRemainingActions(shape.get("fires", 5)).build())
        .build();
  }

  /**
   * Waits for schedule {@code id}'s fires, records them in the driver's ledger as the outcome of the workflow
   * requested at {@code requestedNanos}, and deletes the schedule.
   */
  static CompletableFuture<Void> completed(LoadDriver driver, String id, long requestedNanos) {
    RunLedger ledger = driver.ledger();
    CompletableFuture<ScheduleDescription> fired = new CompletableFuture<>();
    poll(driver, id, fired);
    return driver.unlessAborted(fired)
        .thenApplyAsync(d -> {
          check(driver, d).ifPresent(failure -> {
            throw new IllegalStateException(failure);
          });
          return d;
        }, driver.executor())
        .handle((d, error) -> {
          delete(driver, id);
          Throwable cause = error == null ? null : Causes.unwrap(error);
          if (cause instanceof CancellationException) {
            throw new CompletionException(cause);
          }
          if (cause instanceof TimeoutException) {
            ledger.timedOut();
            throw new CompletionException(cause);
          }
          if (cause != null) {
            ledger.failed(Causes.of(error));
            throw new CompletionException(cause);
          }
          for (ScheduleActionResult action : d.getInfo().getRecentActions()) {
            ledger.probe(RunLedger.PROBE_SCHEDULE_FIRE_DELAY, requestedNanos,
                TimeUnit.NANOSECONDS.toMicros(Duration.between(action.getScheduledAt(), action.getStartedAt()).toNanos()));
          }
          ledger.completed(requestedNanos);
          return null;
        });
  }

  /** Reads the description every {@link #POLL} until every fire was taken and none runs, or the budget ends. */
  private static void poll(LoadDriver driver, String id, CompletableFuture<ScheduleDescription> fired) {
    CompletableFuture.runAsync(() -> {
      if (fired.isDone() || driver.isAborted()) {
        return;
      }
      try {
        ScheduleDescription d = driver.schedules().getHandle(id).describe();
        long remaining = d.getSchedule().getState().getRemainingActions();
        if (remaining == 0 && d.getInfo().getRunningActions().isEmpty()) {
          fired.complete(d);
        } else if (driver.remainingMillis() <= POLL.toMillis()) {
          fired.completeExceptionally(new TimeoutException("schedule " + id + " took " + d.getInfo().getNumActions()
              + " of " + (d.getInfo().getNumActions() + remaining) + " actions within the time budget"));
        } else {
          poll(driver, id, fired);
        }
      } catch (RuntimeException e) {
        fired.completeExceptionally(e);
      }
    }, CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS, driver.executor()));
  }

  /** The first fired workflow that did not complete, as a failure text; empty when all did. */
  private static Optional<String> check(LoadDriver driver, ScheduleDescription d) {
    for (ScheduleActionResult action : d.getInfo().getRecentActions()) {
      ScheduleActionExecutionStartWorkflow run = (ScheduleActionExecutionStartWorkflow) action.getAction();
      try {
        driver.client().newUntypedWorkflowStub(run.getWorkflowId(), Optional.of(run.getFirstExecutionRunId()),
            Optional.empty()).getResult(driver.remainingMillis(), TimeUnit.MILLISECONDS, Object.class);
      } catch (TimeoutException e) {
        return Optional.of("fired workflow " + run.getWorkflowId() + " did not close");
      } catch (RuntimeException e) {
        return Optional.of("fired workflow failed: " + Causes.of(e));
      }
    }
    return Optional.empty();
  }

  /** Deletes the schedule (bounded); the driver's close retries one that could not be deleted here. */
  private static void delete(LoadDriver driver, String id) {
    driver.deleteSchedule(id);
  }
}
