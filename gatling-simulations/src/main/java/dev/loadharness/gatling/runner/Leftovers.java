package dev.loadharness.gatling.runner;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Terminates the workflows a finished run left open, so the next run of a comparison starts on a server
 * without them.
 *
 * <p>Why: an overloaded run ends at its time budget with workflows still open; on the shared server their
 * timers, activity timeouts and retries keep running and their tasks stay in the backlog while the next
 * setting is measured, so whichever setting runs after an overloaded one pays for it (measured in issue 18:
 * a backlog of 265-279 tasks before the runs after the resource-based setting, 0 before the first run).
 * Workflow ids start with the run's id ({@link dev.loadharness.gatling.pipeline.RunPlan#idPrefix}, the
 * warm-up's too), so one visibility query finds exactly this run's workflows and never another's.
 */
final class Leftovers {
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private Leftovers() {}

  /**
   * What a clean-up did.
   *
   * @param terminated how many open workflows were terminated
   * @param stillRunning running workflows visibility still counted when the clean-up stopped waiting
   * @param note empty, or why nothing could be done (a server that cannot list executions)
   */
  record Result(int terminated, long stillRunning, String note) {
    /** One line for the run's output. */
    String describe(String runId) {
      if (!note.isEmpty()) {
        return "leftovers of " + runId + ": " + note;
      }
      return "leftovers of " + runId + ": terminated " + terminated + " open workflow(s)"
          + (stillRunning > 0 ? ", visibility still counts " + stillRunning + " running after " + SETTLE.toSeconds()
              + " s" : "");
    }
  }

  /**
   * Terminates every running workflow whose id starts with {@code runId + "-"} and waits (bounded) until
   * visibility counts none. A server that cannot list executions (UNIMPLEMENTED) gives a note, not an error.
   */
  static Result terminate(WorkflowServiceStubs stubs, String namespace, String runId) {
    String query = "WorkflowId STARTS_WITH '" + runId + "-' AND ExecutionStatus = 'Running'";
    int terminated = 0;
    try {
      long running = 0;
      // A second pass catches what visibility had not yet indexed when the first listed.
      for (int pass = 0; pass < 2; pass++) {
        terminated += terminateListed(stubs, namespace, query);
        running = settle(stubs, namespace, query);
        if (running == 0) {
          break;
        }
      }
      return new Result(terminated, running, "");
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNIMPLEMENTED || code == Status.Code.INVALID_ARGUMENT) {
        return new Result(terminated, 0, "not terminated: the server cannot list executions by id prefix ("
            + code + ": " + e.getStatus().getDescription() + ")");
      }
      throw e;
    }
  }

  /** Terminates every execution {@code query} lists, page by page; returns how many this call terminated. */
  private static int terminateListed(WorkflowServiceStubs stubs, String namespace, String query) {
    int terminated = 0;
    ByteString token = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse page = stubs.blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS)
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
              .setQuery(query).setPageSize(500).setNextPageToken(token).build());
      for (WorkflowExecutionInfo info : page.getExecutionsList()) {
        terminated += terminate(stubs, namespace, info.getExecution()) ? 1 : 0;
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return terminated;
  }

  /** Whether this call terminated it; one that ended meanwhile (NOT_FOUND: already closed) is not counted. */
  private static boolean terminate(WorkflowServiceStubs stubs, String namespace, WorkflowExecution execution) {
    try {
      stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).terminateWorkflowExecution(
          TerminateWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
              .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(execution.getWorkflowId()))
              .setReason("load harness: left open by a finished run, terminated before the next run").build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** Visibility lags the terminations: asks until it counts none running, at most {@link #SETTLE}. */
  private static long settle(WorkflowServiceStubs stubs, String namespace, String query) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      long running = stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).countWorkflowExecutions(
          CountWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setQuery(query).build()).getCount();
      if (running == 0 || System.nanoTime() > deadline) {
        return running;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return running;
      }
    }
  }
}
