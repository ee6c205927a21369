package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.gatling.action.Causes;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver's own start and result calls against a real dev server and worker: what the SDK's client gave
 * (a completed result, a continue-as-new chain followed to its end, an existing id attached to, the failure
 * as the SDK's exception, the time budget as a TimeoutException, a final gRPC code at once) they give too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkflowCallsIT {
  private static final String QUEUE = "workflow-calls-it";
  private static DevServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory factory;
  private static WorkflowCalls calls;
  private static WorkflowClient client;

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String run(String input);
  }

  @WorkflowInterface
  public interface Chain {
    @WorkflowMethod
    int run(int left);
  }

  @WorkflowInterface
  public interface Fails {
    @WorkflowMethod
    void run(String input);
  }

  @WorkflowInterface
  public interface Sleeps {
    @WorkflowMethod
    void run(String input);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String run(String input) {
      return input;
    }
  }

  public static class ChainImpl implements Chain {
    @Override
    public int run(int left) {
      if (left > 0) {
        Workflow.continueAsNew(left - 1);
      }
      return left;
    }
  }

  public static class FailsImpl implements Fails {
    @Override
    public void run(String input) {
      throw ApplicationFailure.newNonRetryableFailure("boom", "Boom");
    }
  }

  public static class SleepsImpl implements Sleeps {
    @Override
    public void run(String input) {
      Workflow.sleep(Duration.ofHours(1));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    var cli = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(cli.isPresent(), "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    server = DevServer.start(DevServerOptions.defaults(cli.get(), "default",
        Files.createTempDirectory("workflow-calls").resolve("server")));
    stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    factory = WorkerFactory.newInstance(client);
    factory.newWorker(QUEUE).registerWorkflowImplementationTypes(EchoImpl.class, ChainImpl.class, FailsImpl.class,
        SleepsImpl.class);
    factory.start();
    calls = new WorkflowCalls(client);
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WorkflowCalls.Execution start(String id, String type, Object arg) throws Exception {
    return calls.start(id, type, QUEUE, new Object[] {arg}, Duration.ofMinutes(5)).get(30, TimeUnit.SECONDS);
  }

  private static long in(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  @Test
  void aCompletedWorkflowCompletesAndItsIdIsAttachedToOnASecondStart() throws Exception {
    WorkflowCalls.Execution started = start("calls-echo", "Echo", "hello");
    assertThat(started.attached()).isFalse();
    assertThat(started.runId()).isNotEmpty();
    calls.awaitCompleted(started, in(Duration.ofSeconds(30))).get(40, TimeUnit.SECONDS);

    WorkflowCalls.Execution again = start("calls-echo", "Echo", "hello");
    assertThat(again.attached()).as("an id is never run twice").isTrue();
    calls.awaitCompleted(again, in(Duration.ofSeconds(30))).get(40, TimeUnit.SECONDS);
  }

  @Test
  void aContinueAsNewChainCompletesWithItsLastRun() throws Exception {
    WorkflowCalls.Execution started = start("calls-chain", "Chain", 3);
    calls.awaitCompleted(started, in(Duration.ofSeconds(30))).get(40, TimeUnit.SECONDS);
    var described = stubs.blockingStub().describeWorkflowExecution(
        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId("calls-chain"))
            .build());
    assertThat(described.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(described.getWorkflowExecutionInfo().getExecution().getRunId()).isNotEqualTo(started.runId());
  }

  @Test
  void aFailedWorkflowFailsWithTheSdksExceptionAndItsCauses() throws Exception {
    WorkflowCalls.Execution started = start("calls-fails", "Fails", "x");
    assertThatThrownBy(() -> calls.awaitCompleted(started, in(Duration.ofSeconds(30))).get(40, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("WorkflowFailed/ApplicationFailure(Boom)"));
  }

  @Test
  void theBudgetsEndIsATimeout() throws Exception {
    WorkflowCalls.Execution started = start("calls-sleeps", "Sleeps", "x");
    long before = System.nanoTime();
    assertThatThrownBy(() -> calls.awaitCompleted(started, in(Duration.ofSeconds(2))).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class)
        .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("TimedOut(time budget)"));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
  }

  @Test
  void theCompletionWatchSeesCompletionsChainsFailuresAndTheBudgetsEnd() throws Exception {
    try (CompletionWatch watch = new CompletionWatch(client, "watch-")) {
      WorkflowCalls.Execution echo = start("watch-echo", "Echo", "hello");
      WorkflowCalls.Execution chain = start("watch-chain", "Chain", 3);
      WorkflowCalls.Execution fails = start("watch-fails", "Fails", "x");
      WorkflowCalls.Execution sleeps = start("watch-sleeps", "Sleeps", "x");
      var echoed = watch.await(echo, in(Duration.ofSeconds(30)));
      var chained = watch.await(chain, in(Duration.ofSeconds(30)));
      var failed = watch.await(fails, in(Duration.ofSeconds(30)));
      var slept = watch.await(sleeps, in(Duration.ofSeconds(3)));

      long echoClosed = echoed.get(40, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(echoClosed - echo.returnedNanos()))
          .as("the close is the server's run time after the start returned, not when the list call found it")
          .isBetween(Duration.ZERO, Duration.ofMillis(900));
      chained.get(40, TimeUnit.SECONDS);
      assertThatThrownBy(() -> failed.get(40, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("WorkflowFailed/ApplicationFailure(Boom)"));
      assertThatThrownBy(() -> slept.get(40, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TimeoutException.class)
          .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("TimedOut(time budget)"));
      assertThat(watch.waitingCount()).isZero();
    }
  }

  @Test
  void aWatchOnANamespaceThatDoesNotExistFailsItsWorkflowsWithTheFinalCode() throws Exception {
    WorkflowClient other = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("no-such-namespace").build());
    try (CompletionWatch watch = new CompletionWatch(other, "nowhere-")) {
      var waited = watch.await(new WorkflowCalls.Execution("nowhere-1", "", false, System.nanoTime()),
          in(Duration.ofSeconds(60)));
      assertThatThrownBy(() -> waited.get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StatusRuntimeException.class)
          .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("gRPC NOT_FOUND"));
    }
  }

  @Test
  void aFinalCodeFailsTheStartAtOnce() {
    WorkflowClient other = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("no-such-namespace").build());
    long before = System.nanoTime();
    assertThatThrownBy(() -> new WorkflowCalls(other).start("calls-nowhere", "Echo", QUEUE, new Object[] {"x"},
        Duration.ofMinutes(1)).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("gRPC NOT_FOUND"));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
  }
}
