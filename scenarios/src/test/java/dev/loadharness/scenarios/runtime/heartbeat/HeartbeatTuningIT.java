package dev.loadharness.scenarios.runtime.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.heartbeat.HeartbeatTuningInterceptor;
import dev.loadharness.runtime.heartbeat.HeartbeatTuningSettings;
import dev.loadharness.scenarios.server.InMemoryServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heartbeat tuning interceptor on a real SDK worker against the in-memory server (kind
 * in-memory; it needs no server capability): a chatty activity is throttled yet never times out,
 * and a stalled one is counted as a heartbeat timeout and narrows its type's throttle on retry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("alone") // heartbeat timeouts of 1-2 s: runs with the machine to itself (pom.xml)
class HeartbeatTuningIT {

  private static final String QUEUE = "heartbeat-tuning";
  private static final String LOCAL_BUFFER_PROPERTY = "temporal.activity.localTimeoutBufferMs";

  private InMemoryServer server;
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;
  private String previousBuffer;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HeartbeatTuningInterceptor interceptor =
      new HeartbeatTuningInterceptor(HeartbeatTuningSettings.defaults(), registry);

  @ActivityInterface
  public interface Chunks {
    /** Heartbeats every 10 ms for {@code millis}: far more often than anyone needs. */
    int chatty(int millis);

    /** First attempt: heartbeats, stalls past the heartbeat timeout, heartbeats again. */
    String stalling();
  }

  public static final class ChunksImpl implements Chunks {
    @Override
    public int chatty(int millis) {
      ActivityExecutionContext ctx = Activity.getExecutionContext();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      int calls = 0;
      while (System.nanoTime() < end) {
        ctx.heartbeat(calls++);
        sleep(10);
      }
      return calls;
    }

    @Override
    public String stalling() {
      ActivityExecutionContext ctx = Activity.getExecutionContext();
      if (ctx.getInfo().getAttempt() > 1) {
        return "attempt " + ctx.getInfo().getAttempt();
      }
      ctx.heartbeat("before stall");
      sleep(1_500);
      ctx.heartbeat("after stall"); // the SDK's local deadline (1 s + 0 buffer) has passed: throws
      return "unreachable";
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      }
    }
  }

  @WorkflowInterface
  public interface HeartbeatWorkflow {
    @WorkflowMethod
    String run();
  }

  public static final class HeartbeatWorkflowImpl implements HeartbeatWorkflow {
    @Override
    public String run() {
      Chunks chatty = Workflow.newActivityStub(Chunks.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(20))
          .setHeartbeatTimeout(Duration.ofSeconds(2))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());
      Chunks stalling = Workflow.newActivityStub(Chunks.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(20))
          .setHeartbeatTimeout(Duration.ofSeconds(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
              .setInitialInterval(Duration.ofMillis(100)).build())
          .build());
      int calls = chatty.chatty(4_000);
      return calls + " calls; " + stalling.stalling();
    }
  }

  @BeforeEach
  void start() {
    // The SDK adds a 5 s buffer to its local heartbeat deadline; 0 makes the stall detectable in 1.5 s.
    previousBuffer = System.setProperty(LOCAL_BUFFER_PROPERTY, "0");
    server = InMemoryServer.start("default");
    stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptor).build());
    // Let the interceptor, not the SDK's 80%-of-timeout throttle, decide how often heartbeats go out.
    Worker worker = factory.newWorker(QUEUE,
        WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(50)).build());
    worker.registerWorkflowImplementationTypes(HeartbeatWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ChunksImpl());
    factory.start();
  }

  @AfterEach
  void stop() {
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
    if (previousBuffer == null) {
      System.clearProperty(LOCAL_BUFFER_PROPERTY);
    } else {
      System.setProperty(LOCAL_BUFFER_PROPERTY, previousBuffer);
    }
  }

  @Test
  void throttlesChattyHeartbeatsWithoutTimeoutsAndCountsAStall() {
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    HeartbeatWorkflow workflow = client.newWorkflowStub(HeartbeatWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowExecutionTimeout(Duration.ofSeconds(45)).build());

    String result = workflow.run();

    assertThat(result).endsWith("attempt 2");
    int calls = Integer.parseInt(result.substring(0, result.indexOf(' ')));
    double sent = count("Chatty", "sent");
    double throttled = count("Chatty", "throttled");
    assertThat(sent + throttled).isEqualTo(calls);
    // A 1 s throttle (half the 2 s timeout) over 4 s lets about 5 of ~350 calls through.
    assertThat(sent).isBetween(2.0, 10.0);
    assertThat(throttled).isGreaterThan(200.0);
    assertThat(count("Chatty", "timed_out")).isZero();

    // The server times attempt 1 out and attempt 2 may finish the workflow before attempt 1 wakes
    // from its stall and hits the SDK's local deadline; wait (bounded) for that heartbeat.
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count("Stalling", "timed_out") == 1.0);
    // Narrowed by the timeout (x0.5) and by the retried attempt (x0.9).
    assertThat(interceptor.throttle("Stalling").fraction()).isCloseTo(0.225, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(interceptor.throttle("Chatty").fraction()).isEqualTo(0.5);
  }

  private double count(String type, String outcome) {
    Counter c = registry.find("temporal_activity_heartbeats_total")
        .tag("activity_type", type).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }
}
