package dev.loadharness.gatling.gate;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.TaskQueueCount;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The server's count of a run's workflows on each of its task queues, after the run: how many executions each
 * queue holds and how many of those completed. It is the server's view of the spread, not the driver's intent,
 * so a queue no worker polled shows as started but not completed. Visibility lags, so it asks again (bounded)
 * until the queues add up to what the ledger saw.
 */
public final class QueueCounts {
  private static final int ATTEMPTS = 10;

  private QueueCounts() {}

  /** The counts per queue of the run's workflows (ids starting with {@code idPrefix}); empty where the server cannot count. */
  public static List<TaskQueueCount> of(WorkflowClient client, String idPrefix, List<String> queues,
      RunLedger.Counts counts) {
    try {
      return count(query -> client.getWorkflowServiceStubs().blockingStub().countWorkflowExecutions(
          CountWorkflowExecutionsRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setQuery(query).build()).getCount(), idPrefix, queues, counts, 500);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return List.of(); // a server whose visibility cannot count by task queue
      }
      throw e;
    }
  }

  /**
   * Counts with {@code count} (a visibility query to its count), retrying until the queues' started sum reaches
   * the ledger's started workflows minus failed starts and their completed sum its completed, at most
   * {@value #ATTEMPTS} times {@code pauseMs} apart.
   */
  static List<TaskQueueCount> count(Function<String, Long> count, String idPrefix, List<String> queues,
      RunLedger.Counts counts, long pauseMs) {
    List<TaskQueueCount> result = List.of();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<TaskQueueCount> now = new ArrayList<>();
      for (String queue : queues) {
        String base = "WorkflowId STARTS_WITH '" + idPrefix + "' AND TaskQueue = '" + queue + "'";
        long completed = count.apply(base + " AND ExecutionStatus = 'Completed'");
        long started = Math.max(completed, count.apply(base));
        now.add(new TaskQueueCount(queue, started, completed));
      }
      result = now;
      long started = now.stream().mapToLong(TaskQueueCount::started).sum();
      long completed = now.stream().mapToLong(TaskQueueCount::completed).sum();
      if (started >= counts.started() - counts.failed() && completed >= counts.completed()) {
        break;
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return result;
  }
}
