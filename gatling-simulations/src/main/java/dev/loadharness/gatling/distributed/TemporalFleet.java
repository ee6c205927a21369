package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentFleet;
import dev.loadharness.gatling.pipeline.SegmentResult;
import dev.loadharness.gatling.pipeline.SegmentTask;
import dev.loadharness.scenarios.server.ConnectionSettings;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.CanceledFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link SegmentFleet} coordinated by Temporal: this JVM hosts the {@link LoadTestWorkflow} on the control
 * task queue of the control plane, starts it with one segment per task, prints the segments' heartbeat lines
 * while it runs, and returns its result. The drivers (local JVMs it owns, or an external fleet) poll the driver
 * task queue.
 */
public final class TemporalFleet implements SegmentFleet {
  /** Margin over the spec's time budget for one attempt of a segment: Gatling's start, the cut grace, the end. */
  static final Duration ATTEMPT_MARGIN = Duration.ofSeconds(90);

  private final Settings settings;
  private final AutoCloseable owned;
  private volatile WorkflowStub running;
  private volatile String cancelled;

  /**
   * How the fleet is reached and its segments scheduled.
   *
   * @param control the control plane
   * @param driverQueue the task queue the drivers poll
   * @param controlQueue the task queue of the load-test workflow (this JVM polls it)
   * @param workflowId the load-test workflow's id
   * @param heartbeatTimeout a segment whose driver has not heartbeated this long is retried on another
   * @param maxAttempts attempts per segment
   * @param progressEvery how often the segments' progress is printed
   * @param description the fleet in one line
   */
  public record Settings(ConnectionSettings control, String driverQueue, String controlQueue, String workflowId,
      Duration heartbeatTimeout, int maxAttempts, Duration progressEvery, String description) {}

  /** A fleet with {@code settings}; {@code owned} (local drivers, or nothing) is closed with it. */
  public TemporalFleet(Settings settings, AutoCloseable owned) {
    this.settings = settings;
    this.owned = owned;
  }

  @Override
  public List<SegmentResult> run(List<SegmentTask> tasks, PrintStream out) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(settings.control().toStubsOptions().build());
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(settings.control().namespace()).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory.newWorker(settings.controlQueue()).registerWorkflowImplementationTypes(LoadTestWorkflowImpl.class);
    factory.start();
    try {
      long attemptMs = tasks.get(0).spec().timeBudget().plus(ATTEMPT_MARGIN).toMillis();
      LoadTestRequest request = new LoadTestRequest(tasks, settings.driverQueue(),
          settings.heartbeatTimeout().toMillis(), attemptMs, settings.maxAttempts());
      LoadTestWorkflow workflow = client.newWorkflowStub(LoadTestWorkflow.class, WorkflowOptions.newBuilder()
          .setTaskQueue(settings.controlQueue())
          .setWorkflowId(settings.workflowId())
          .setWorkflowExecutionTimeout(Duration.ofMillis(attemptMs * settings.maxAttempts()).plusMinutes(5))
          .build());
      WorkflowExecution execution = WorkflowClient.start(workflow::run, request);
      out.println("load-test workflow " + execution.getWorkflowId() + " on task queue " + settings.controlQueue()
          + " of " + settings.control().target() + "; segments on task queue " + settings.driverQueue());
      running = WorkflowStub.fromTyped(workflow);
      if (cancelled != null) {
        running.cancel();
      }
      CompletableFuture<LoadTestResult> result = running.getResultAsync(LoadTestResult.class);
      long started = System.nanoTime();
      while (true) {
        try {
          return result.get(settings.progressEvery().toMillis(), TimeUnit.MILLISECONDS).segments();
        } catch (TimeoutException e) {
          progress(client, execution, out, (System.nanoTime() - started) / 1e9);
        }
      }
    } catch (ExecutionException e) {
      throw new FleetException(failure(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("interrupted while waiting for the segments", e);
    } finally {
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
      stubs.shutdownNow();
    }
  }

  /** One line per tick: each running segment's last heartbeat, or that a retry waits for a free driver. */
  private void progress(WorkflowClient client, WorkflowExecution execution, PrintStream out, double elapsedS) {
    List<String> lines = new ArrayList<>();
    try {
      for (PendingActivityInfo a : client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(settings.control().namespace())
              .setExecution(execution).build()).getPendingActivitiesList()) {
        Optional<String> line = a.hasHeartbeatDetails()
            ? Optional.ofNullable(DataConverter.getDefaultInstance().fromPayloads(0,
                Optional.of(a.getHeartbeatDetails()), String.class, String.class))
            : Optional.empty();
        lines.add(switch (a.getState()) {
          case PENDING_ACTIVITY_STATE_SCHEDULED -> line.map(l -> l.substring(0, Math.max(0, l.indexOf(" attempt"))) + " ")
              .orElse("") + "attempt " + a.getAttempt() + " waiting for a driver" + line.map(l -> " (last: " + l + ")")
              .orElse("");
          default -> line.orElse("attempt " + a.getAttempt() + " starting");
        });
      }
    } catch (RuntimeException e) {
      lines.add("(progress unavailable: " + e.getMessage() + ")");
    }
    lines.sort(null);
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsedS, lines.isEmpty() ? "segments finishing" : String.join(" | ", lines));
    out.flush();
  }

  private String failure(Throwable e) {
    if (cancelled != null) {
      return "run stopped early: " + cancelled + "; the load-test workflow " + settings.workflowId()
          + " was cancelled";
    }
    Throwable t = e;
    if (t instanceof WorkflowFailedException wf && wf.getCause() != null) {
      t = wf.getCause();
    }
    if (t instanceof CanceledFailure) {
      return "the load-test workflow " + settings.workflowId() + " was cancelled";
    }
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "a segment of the load-test workflow " + settings.workflowId() + " failed after its retries ("
        + settings.maxAttempts() + " attempts at most): " + root.getMessage();
  }

  @Override
  public void cancel(String reason) {
    cancelled = reason;
    WorkflowStub stub = running;
    if (stub != null) {
      try {
        stub.cancel();
      } catch (RuntimeException e) {
        // Already ended: nothing to cancel.
      }
    }
  }

  @Override
  public String describe() {
    return settings.description();
  }

  @Override
  public void close() {
    try {
      if (owned != null) {
        owned.close();
      }
    } catch (Exception e) {
      // Closing continues: the local drivers also watch this JVM's pid and exit with it.
    }
  }

  /**
   * How many drivers poll {@code queue} on {@code control}: an external fleet's size; throws
   * {@link IllegalStateException} naming the control plane when it does not answer.
   */
  public static int pollers(ConnectionSettings control, String queue) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(control.toStubsOptions().build());
    try {
      return stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).describeTaskQueue(
          DescribeTaskQueueRequest.newBuilder().setNamespace(control.namespace())
              .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
              .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY).build()).getPollersCount();
    } catch (io.grpc.StatusRuntimeException e) {
      throw new IllegalStateException("--drivers external: the control plane " + control.target() + " (namespace "
          + control.namespace() + ") did not say who polls task queue " + queue + ": " + e.getStatus(), e);
    } finally {
      stubs.shutdownNow();
    }
  }
}
