package dev.loadharness.gatling.driver;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceFutureStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.common.ProtobufTimeUtils;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two calls every workflow of a load costs, start and await its close, on the SDK's own channel (its
 * TLS, API key, headers and interceptors) but its future stub directly, with the responses handled on the
 * transport thread. The SDK's client path handed each call to three threads (its call executor, its async
 * retryer's throttler, the common pool) and decoded every result; those threads were a third of a driver
 * profile, but the paired driver-cost runs saved 3-4% of the CPU per workflow on a quiet machine (up to 20%
 * on a busy one): most of a call's cost is the transport's own wake-ups (docs/distributed.md, "The floor").
 * Retries follow the SDK's rules ({@link RpcRetry}). A workflow that did not complete is
 * handed back to the SDK's own result call, so its failure is the exception the SDK gives, cause by cause.
 */
public final class WorkflowCalls {
  /** The SDK's default per-attempt deadline of a unary call. */
  static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
  /** Per-attempt deadline of a history long-poll: the server answers empty after its own interval (20 s by default). */
  static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(70);

  private final WorkflowClient client;

  public WorkflowCalls(WorkflowClient client) {
    this.client = client;
  }

  /**
   * A started workflow: its id, its run (empty when attached to one an earlier attempt started), whether attached,
   * and when the start call returned (System.nanoTime).
   */
  public record Execution(String workflowId, String runId, boolean attached, long returnedNanos) {}

  /**
   * Starts {@code type} as {@code workflowId} on {@code taskQueue}; an id that already exists (a retried
   * segment's earlier attempt started it) is attached to instead. Ids are never reused.
   */
  public CompletableFuture<Execution> start(String workflowId, String type, String taskQueue, Object[] args,
      Duration runTimeout) {
    WorkflowClientOptions options = client.getOptions();
    StartWorkflowExecutionRequest.Builder request = StartWorkflowExecutionRequest.newBuilder()
        .setNamespace(options.getNamespace())
        .setIdentity(options.getIdentity())
        // One id for every attempt: a retry of a start the server already took is answered, not run twice.
        .setRequestId(UUID.randomUUID().toString())
        .setWorkflowId(workflowId)
        .setWorkflowType(WorkflowType.newBuilder().setName(type))
        .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
        .setWorkflowRunTimeout(ProtobufTimeUtils.toProtoDuration(runTimeout))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    Optional<Payloads> input = options.getDataConverter().toPayloads(args);
    input.ifPresent(request::setInput);
    StartWorkflowExecutionRequest built = request.build();
    return RpcRetry.UNARY.run(() -> completable(stub(RPC_TIMEOUT.toMillis()).startWorkflowExecution(built)),
        Long.MAX_VALUE).handle((response, error) -> {
          if (error == null) {
            return new Execution(workflowId, response.getRunId(), false, System.nanoTime());
          }
          if (error instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
            return new Execution(workflowId, "", true, System.nanoTime());
          }
          throw new java.util.concurrent.CompletionException(error);
        });
  }

  /**
   * Completes with the time (System.nanoTime) the close of {@code execution} (or of the last run of its
   * continue-as-new chain) arrived, when it completed; fails with a
   * {@link TimeoutException} when {@code deadlineNanos} (System.nanoTime) passes first, or with the SDK's
   * exception when it closed otherwise (failed, timed out, terminated, cancelled).
   */
  public CompletableFuture<Long> awaitCompleted(Execution execution, long deadlineNanos) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    poll(execution.workflowId(), execution.runId(), ByteString.EMPTY, deadlineNanos, done);
    return done;
  }

  private void poll(String workflowId, String runId, ByteString pageToken, long deadlineNanos,
      CompletableFuture<Long> done) {
    GetWorkflowExecutionHistoryRequest request = GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
        .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
        .setWaitNewEvent(true)
        .setSkipArchival(true)
        .setNextPageToken(pageToken)
        .build();
    RpcRetry.LONG_POLL.run(() -> {
      long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      return completable(stub(Math.max(1, Math.min(left, LONG_POLL_TIMEOUT.toMillis())))
          .getWorkflowExecutionHistory(request));
    }, deadlineNanos).whenComplete((response, error) -> {
      if (error != null) {
        done.completeExceptionally(timedOut(error, deadlineNanos) ? timeout(workflowId) : error);
      } else if (response.getHistory().getEventsCount() == 0) {
        // The server's long-poll interval ended with the workflow still open: poll again.
        poll(workflowId, runId, response.getNextPageToken().isEmpty() ? pageToken : response.getNextPageToken(),
            deadlineNanos, done);
      } else {
        closed(workflowId, runId, response, deadlineNanos, done);
      }
    });
  }

  private void closed(String workflowId, String runId, GetWorkflowExecutionHistoryResponse response,
      long deadlineNanos, CompletableFuture<Long> done) {
    HistoryEvent event = response.getHistory().getEvents(0);
    if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
      done.complete(System.nanoTime());
    } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
      poll(workflowId, event.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId(),
          ByteString.EMPTY, deadlineNanos, done);
    } else {
      closedOtherwise(workflowId, runId, deadlineNanos).whenComplete((ignored, error) -> {
        if (error != null) {
          done.completeExceptionally(error);
        } else {
          done.complete(System.nanoTime());
        }
      });
    }
  }

  /**
   * The outcome of run {@code runId} of {@code workflowId}, which closed other than completed: rare, so the
   * extra call is cheap; the SDK reads the same close event and fails with what it always throws.
   */
  CompletableFuture<Object> closedOtherwise(String workflowId, String runId, long deadlineNanos) {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    return client.newUntypedWorkflowStub(workflowId, runId.isEmpty() ? Optional.empty() : Optional.of(runId),
        Optional.empty()).getResultAsync(left, TimeUnit.MILLISECONDS, Object.class);
  }

  /**
   * Whether {@code error} is the time budget's end: the last attempt's deadline is the budget's, and gRPC may
   * fire it up to a millisecond early (the deadline is given in whole milliseconds), so within a second of the
   * budget's end a DEADLINE_EXCEEDED is the budget's.
   */
  private static boolean timedOut(Throwable error, long deadlineNanos) {
    return error instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
        && deadlineNanos - System.nanoTime() < TimeUnit.SECONDS.toNanos(1);
  }

  private static TimeoutException timeout(String workflowId) {
    return new TimeoutException("workflow " + workflowId + " did not close within the time budget");
  }

  private WorkflowServiceFutureStub stub(long deadlineMillis) {
    // Responses are handled where they arrive: what follows is non-blocking bookkeeping and the next call.
    return client.getWorkflowServiceStubs().futureStub().withExecutor(MoreExecutors.directExecutor())
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  private static <T> CompletableFuture<T> completable(ListenableFuture<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Futures.addCallback(future, new FutureCallback<>() {
      @Override
      public void onSuccess(T value) {
        result.complete(value);
      }

      @Override
      public void onFailure(Throwable error) {
        result.completeExceptionally(error);
      }
    }, MoreExecutors.directExecutor());
    return result;
  }
}
