package dev.loadharness.gatling.gate;

import dev.loadharness.gatling.driver.RunLedger;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * Cross-checks the driver's accounting with the server: the run's root workflows still running must be
 * exactly those the driver timed out or never saw end. Visibility is eventually consistent, so it asks a
 * few times (bounded) before calling a difference real.
 */
public final class VisibilityCheck {
  private VisibilityCheck() {}

  /** The server's count of this run's running root workflows, and whether it matches the ledger. */
  public record Result(long running, boolean consistent, String note) {}

  /**
   * Counts running workflows whose id starts with {@code idPrefix}; empty when the server answers
   * UNIMPLEMENTED (it cannot count, e.g. a cluster without advanced visibility). Any other gRPC failure is
   * thrown: the server is in trouble and the run's verdict is an environment error.
   */
  public static Optional<Result> run(WorkflowClient client, String idPrefix, RunLedger.Counts counts) {
    try {
      return Optional.of(count(client, idPrefix, counts));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Counts every execution (any status) whose id starts with {@code idPrefix} against the ledger's started
   * workflows: more than started means a workflow ran twice (an id reused by a retried segment); fewer than
   * started minus the {@code failedStarts} (start calls that failed, which may or may not have reached the
   * server) means a started one is missing. Empty where the server cannot count.
   */
  public static Optional<Result> executions(WorkflowClient client, String idPrefix, RunLedger.Counts counts,
      long failedStarts) {
    try {
      return Optional.of(count(client, "WorkflowId STARTS_WITH '" + idPrefix + "'",
          Math.max(0, counts.started() - failedStarts), counts.started()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Result count(WorkflowClient client, String idPrefix, RunLedger.Counts counts) {
    long expected = counts.timedOut() + counts.unaccounted();
    return count(client, "WorkflowId STARTS_WITH '" + idPrefix + "' AND ExecutionStatus = 'Running'", expected,
        expected);
  }

  /** Asks until the count is in {@code [min, max]} (visibility lags), at most ten times. */
  private static Result count(WorkflowClient client, String query, long min, long max) {
    long running = -1;
    for (int attempt = 0; attempt < 10; attempt++) {
      running = client.getWorkflowServiceStubs().blockingStub().countWorkflowExecutions(
          CountWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setQuery(query)
              .build()).getCount();
      if (running >= min && running <= max) {
        break;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Result(running, running >= min && running <= max, "server query: " + query);
  }
}
