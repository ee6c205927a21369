package dev.loadharness.jmh.sticky;

import dev.loadharness.scenarios.server.InMemoryServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one workflow task cost on a sticky-cache hit versus a miss, as the history
 * grows (10, 100, 1000 events)? This is the number that says what a sticky hit ratio is worth.
 *
 * <p>Each operation is a query round trip through a real SDK worker and the in-memory Temporal
 * server over gRPC on loopback; a query is answered by a workflow task and adds no history events,
 * so the history length stays what the parameter says for the whole run. Two workflows with equal
 * histories are queried alternately. {@code hit}: the worker's cache holds both (size 100), so each
 * task is answered from memory. {@code miss}: cache size 1, so each query evicts the other workflow
 * and every task fetches the full history and replays it — what each task costs after a sticky
 * miss. (Cache size 0 cannot express "no cache": the SDK silently replaces 0 with its default 600.)
 * Baseline: the {@code hit} row at the same history length, measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StickyCacheBenchmark {
  private static final String TASK_QUEUE = "sticky-bench";

  @Param({"10", "100", "1000"})
  public int historyEvents;

  @Param({"hit", "miss"})
  public String cache;

  private InMemoryServer server;
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;
  private HistoryWorkflow[] workflows;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    server = InMemoryServer.start("default");
    stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    WorkflowClient client =
        WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(cache.equals("hit") ? 100 : 1).build());
    factory.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(HistoryWorkflow.Impl.class);
    factory.start();

    int timers = HistoryWorkflow.timersFor(historyEvents);
    workflows = new HistoryWorkflow[] {start(client, "a", timers), start(client, "b", timers)};
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    for (HistoryWorkflow workflow : workflows) {
      while (workflow.firedTimers() < timers) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("history of " + historyEvents + " events not built within 3 minutes");
        }
        Thread.sleep(20);
      }
    }
    System.out.printf(
        "%n[sticky] histories: %d and %d events (asked ~%d), cache=%s%n",
        eventCount("a"), eventCount("b"), historyEvents, cache);
  }

  private HistoryWorkflow start(WorkflowClient client, String name, int timers) {
    HistoryWorkflow workflow =
        client.newWorkflowStub(
            HistoryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId(workflowId(name))
                .setWorkflowRunTimeout(Duration.ofHours(1))
                .build());
    WorkflowClient.start(workflow::run, timers);
    return workflow;
  }

  private String workflowId(String name) {
    return "history-" + historyEvents + "-" + cache + "-" + name;
  }

  private int eventCount(String name) {
    return stubs
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(server.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId(name)))
                .setMaximumPageSize(10_000)
                .build())
        .getHistory()
        .getEventsCount();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      for (HistoryWorkflow workflow : workflows) {
        workflow.finish();
      }
    } finally {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      stubs.shutdownNow();
      server.close();
    }
  }

  @Benchmark
  public int workflowTask() {
    // Alternate so that with a cache of one the other workflow is always the one cached.
    return workflows[next++ & 1].firedTimers();
  }
}
