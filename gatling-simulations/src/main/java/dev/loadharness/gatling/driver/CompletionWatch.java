package dev.loadharness.gatling.driver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code await: visibility} way to learn that workflows closed: one {@code ListWorkflowExecutions} a
 * {@link #INTERVAL} for every workflow a driver waits on, of the run's id prefix and closed since the newest close
 * it saw less {@link #OVERLAP}, instead of a history long-poll per open workflow renewed every 20 s. A driver with
 * 1,000 sleeping workflows makes one call a second instead of about 50.
 * <p>The latency it reports is the start call's round trip plus the server's close time less the server's start time
 * of the chain's first run: the long-poll's figure (the start's request leg, the run, the close's way back) without
 * the wait for the next list call, and without comparing the driver's clock with the server's. Continue-as-new
 * chains are followed by id (ids are never reused, so a completed run of the id is the chain's last); a workflow
 * that closed otherwise is handed to {@link WorkflowCalls#closedOtherwise}, so its failure is the SDK's exception.
 * A list call that fails with a final code fails every waiting workflow with it (a server without the visibility
 * query API); a retryable one is tried at the next tick, and the time budget still ends each wait.
 */
public final class CompletionWatch implements AutoCloseable {
  /** How often the closes are listed: at most this is added to a run's drain, not to its latencies. */
  static final Duration INTERVAL = Duration.ofSeconds(1);
  /**
   * How far back from the newest close seen each list call reaches: a close the visibility store shows later
   * than this after a newer one is missed until the time budget ends its wait.
   */
  static final Duration OVERLAP = Duration.ofSeconds(10);
  private static final int PAGE_SIZE = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(CompletionWatch.class);

  private final WorkflowClient client;
  private final WorkflowCalls calls;
  private final String idPrefix;
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticks;
  /** The newest close time any list call returned (server clock, epoch ms); Long.MIN_VALUE before the first. */
  private long newestCloseMillis = Long.MIN_VALUE;
  private String lastFailure = "";

  /** One awaited workflow: the start call's return, the budget, the earliest server start of its chain seen. */
  private static final class Waiting {
    final WorkflowCalls.Execution execution;
    final long deadlineNanos;
    final CompletableFuture<Long> done = new CompletableFuture<>();
    long firstStartMillis = Long.MAX_VALUE;

    Waiting(WorkflowCalls.Execution execution, long deadlineNanos) {
      this.execution = execution;
      this.deadlineNanos = deadlineNanos;
    }
  }

  /** Watches the closes of workflows whose ids start with {@code idPrefix}, on {@code client}'s namespace. */
  public CompletionWatch(WorkflowClient client, String idPrefix) {
    this.client = client;
    this.calls = new WorkflowCalls(client);
    this.idPrefix = idPrefix;
    this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "completion-watch");
      t.setDaemon(true);
      return t;
    });
    ticks.scheduleWithFixedDelay(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Completes with the time (System.nanoTime) {@code execution} closed, as the long-poll would have seen it;
   * fails with a {@link TimeoutException} once {@code deadlineNanos} passed with it still open (checked each
   * tick), or with the SDK's exception when it closed otherwise.
   */
  public CompletableFuture<Long> await(WorkflowCalls.Execution execution, long deadlineNanos) {
    if (!execution.workflowId().startsWith(idPrefix)) {
      throw new IllegalArgumentException("workflow id " + execution.workflowId() + " is not of this watch's prefix "
          + idPrefix);
    }
    Waiting w = new Waiting(execution, deadlineNanos);
    Waiting earlier = waiting.putIfAbsent(execution.workflowId(), w);
    return earlier == null ? w.done : earlier.done;
  }

  /** How many workflows are waited on. */
  int waitingCount() {
    return waiting.size();
  }

  private void tick() {
    if (waiting.isEmpty()) {
      return;
    }
    long listedNanos = System.nanoTime();
    try {
      listClosed();
      lastFailure = "";
    } catch (StatusRuntimeException e) {
      if (!RpcRetry.retryable(e.getStatus().getCode())) {
        failAll(e);
        return;
      }
      String failure = e.getStatus().getCode().toString();
      if (!failure.equals(lastFailure)) {
        LOG.warn("listing closed workflows failed ({}); trying again in {} s", e.getStatus(), INTERVAL.toSeconds());
        lastFailure = failure;
      }
    } catch (RuntimeException e) {
      // Nothing may end the ticks: a waiting workflow must still meet its budget.
      LOG.warn("listing closed workflows failed", e);
    }
    // Only a wait whose budget ended before this list call began is over: the call might have found it closed.
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (w.deadlineNanos - listedNanos <= 0) {
        it.remove();
        w.done.completeExceptionally(new TimeoutException(
            "workflow " + w.execution.workflowId() + " did not close within the time budget"));
      }
    }
  }

  private void listClosed() {
    String query = "WorkflowId STARTS_WITH '" + idPrefix.replace("'", "\\'") + "' AND ExecutionStatus != 'Running'"
        + (newestCloseMillis == Long.MIN_VALUE ? ""
            : " AND CloseTime >= '" + Instant.ofEpochMilli(newestCloseMillis - OVERLAP.toMillis()) + "'");
    ByteString page = ByteString.EMPTY;
    long newest = newestCloseMillis;
    do {
      ListWorkflowExecutionsResponse response = client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(WorkflowCalls.RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setQuery(query).setPageSize(PAGE_SIZE)
              .setNextPageToken(page).build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        newest = Math.max(newest, millis(info.getCloseTime()));
        closed(info);
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    newestCloseMillis = newest;
  }

  private void closed(WorkflowExecutionInfo info) {
    String workflowId = info.getExecution().getWorkflowId();
    Waiting w = waiting.get(workflowId);
    if (w == null) {
      return;
    }
    w.firstStartMillis = Math.min(w.firstStartMillis, millis(info.getStartTime()));
    WorkflowExecutionStatus status = info.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      // The chain goes on under the same id; its first run's start is what the latency counts from.
      return;
    }
    waiting.remove(workflowId);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      long ranMillis = Math.max(0, millis(info.getCloseTime()) - w.firstStartMillis);
      w.done.complete(w.execution.returnedNanos() + TimeUnit.MILLISECONDS.toNanos(ranMillis));
    } else {
      calls.closedOtherwise(workflowId, info.getExecution().getRunId(), w.deadlineNanos)
          .whenComplete((ignored, error) -> {
            if (error != null) {
              w.done.completeExceptionally(error);
            } else {
              // The SDK read a completion after all (a reset run): the close is now.
              w.done.complete(System.nanoTime());
            }
          });
    }
  }

  private void failAll(StatusRuntimeException e) {
    LOG.warn("listing closed workflows failed with a final code ({}): every waiting workflow fails with it",
        e.getStatus());
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      it.remove();
      w.done.completeExceptionally(e);
    }
  }

  private static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  /** Stops the ticks; workflows still waited on stay without an outcome (the run was aborted or ended). */
  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
