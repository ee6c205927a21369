package dev.loadharness.runtime.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tuner inside a real SDK 1.38 worker (in-process test server): the SDK reserves, uses and
 * releases our slots, never runs more activities than the current limit, and picks up a raised
 * limit while tasks are waiting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdaptiveConcurrencySdkTest {

  static final AtomicInteger running = new AtomicInteger();
  static final AtomicInteger peak = new AtomicInteger();

  @ActivityInterface
  public interface Work {
    void work();
  }

  public static final class WorkImpl implements Work {
    @Override
    public void work() {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @WorkflowInterface
  public interface OneActivity {
    @WorkflowMethod
    void run();
  }

  public static final class OneActivityImpl implements OneActivity {
    @Override
    public void run() {
      Workflow.newActivityStub(Work.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build()).work();
    }
  }

  @Test
  void sdkWorkerHonoursTheLimitAndPicksUpARaise() throws Exception {
    ConcurrencySettings settings = new ConcurrencySettings(true, new SlotLimits(10, 2, 20),
        new SlotLimits(2, 1, 4), new SlotLimits(2, 1, 4), Duration.ofSeconds(1));
    LoadSignals backlog = kind -> new LoadSignals.Sample(1_000, 50, Double.NaN, Double.NaN);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try (AdaptiveConcurrency concurrency = AdaptiveConcurrency.create(settings,
        VegasLimitSettings.defaults().withCooldownIntervals(0), backlog, new SimpleMeterRegistry(),
        System::nanoTime, scheduler)) {
      Worker worker = env.newWorker("adaptive", WorkerOptions.newBuilder().setWorkerTuner(concurrency.tuner()).build());
      worker.registerWorkflowImplementationTypes(OneActivityImpl.class);
      worker.registerActivitiesImplementations(new WorkImpl());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      List<CompletableFuture<Void>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        OneActivity wf = client.newWorkflowStub(OneActivity.class,
            WorkflowOptions.newBuilder().setTaskQueue("adaptive").build());
        results.add(WorkflowClient.execute(wf::run));
      }

      waitUntil(() -> peak.get() >= 2 && concurrency.waiting(SlotKind.ACTIVITY) > 0, "activity slots saturated");
      Thread.sleep(400); // at least one 300 ms activity completes: a service-time sample
      int peakAtTwo = peak.get();
      concurrency.controlStep();
      assertThat(concurrency.limit(SlotKind.ACTIVITY)).as("raised to max").isEqualTo(4);

      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(peakAtTwo).as("running activities while the limit was 2").isEqualTo(2);
      assertThat(peak.get()).as("after the raise to 4").isBetween(3, 4);
    } finally {
      env.close();
      scheduler.shutdownNow();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 20 s waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
