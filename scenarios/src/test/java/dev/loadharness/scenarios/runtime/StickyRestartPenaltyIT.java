package dev.loadharness.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.StickyCacheConfig;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost of losing the sticky cache, which the Java SDK cannot persist: workflows parked after 10
 * activities are released on the worker that cached them (warm) or, after that worker drained and a
 * new one started, on a worker that must replay their history (restart). Prints both; asserts the
 * restarted worker replayed every released workflow. Needs: dev-server (the in-memory server
 * strands workflows of a departed sticky worker).
 */
@Tag("alone") // a deadline on replays: runs with the machine to itself (pom.xml)
class StickyRestartPenaltyIT {
  private static final int PER_PHASE = 10;
  private static final int STEPS = 10;

  @TempDir Path logs;

  @Test
  void releasingOnAWarmCacheVersusAfterRestart() throws Exception {
    Optional<Path> cli = new SystemProbes(SettingSource.system()).temporalCli();
    Assumptions.assumeTrue(cli.isPresent(), "needs the temporal CLI (PATH or TEMPORAL_CLI) for the dev server");
    try (DevServer server = DevServer.start(DevServerOptions.defaults(cli.get(), "default", logs))) {
      String queue = "restart-" + System.nanoTime();
      RuntimeConfig config = RuntimeConfig.defaults(server.target(), "default", queue)
          .withPollers(new PollerConfig(PollerMode.FIXED, 4, 4, 1, 100, Duration.ZERO))
          .withSticky(new StickyCacheConfig(600, 600, Duration.ofSeconds(5), Duration.ofMillis(500)))
          .withMetrics(new MetricsConfig(Set.of(MetricsExporter.NONE), Optional.empty(), 0, Duration.ofSeconds(1),
              Optional.empty()));
      List<WorkflowStub> warm = new ArrayList<>();
      List<String> restartedIds = new ArrayList<>();
      long[] warmMillis;
      try (AdaptiveWorkerRuntime first = start(config)) {
        for (int i = 0; i < 2 * PER_PHASE; i++) {
          ItWorkflows.ParkedWorkflow workflow = first.client().newWorkflowStub(ItWorkflows.ParkedWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-" + i).build());
          WorkflowClient.start(workflow::park, STEPS);
          if (i < PER_PHASE) {
            warm.add(WorkflowStub.fromTyped(workflow));
          } else {
            restartedIds.add(queue + "-" + i);
          }
        }
        awaitCached(first, 2 * PER_PHASE);
        warmMillis = release(warm);
        assertThat(first.drain(Duration.ofSeconds(10))).isTrue();
      }
      try (AdaptiveWorkerRuntime second = start(config)) {
        // The first runtime's channel is closed; the new worker's client signals the rest.
        List<WorkflowStub> restarted = restartedIds.stream()
            .map(id -> second.client().newUntypedWorkflowStub(id)).toList();
        long[] restartMillis = release(restarted);
        second.metrics().tick();
        long replays = second.metrics().exact().cumulative("temporal_workflow_task_replay_latency").getTotalCount();
        System.out.printf("STICKY RESTART PENALTY (signal -> completed, ms, %d workflows of %d activities each): "
                + "warm cache p50=%d max=%d; after restart p50=%d max=%d; replays on the new worker=%d%n",
            PER_PHASE, STEPS, warmMillis[PER_PHASE / 2], warmMillis[PER_PHASE - 1],
            restartMillis[PER_PHASE / 2], restartMillis[PER_PHASE - 1], replays);
        assertThat(replays).as("every released workflow was replayed on the new worker").isGreaterThanOrEqualTo(PER_PHASE);
        assertThat(second.drain(Duration.ofSeconds(10))).isTrue();
      }
    }
  }

  private static AdaptiveWorkerRuntime start(RuntimeConfig config) {
    AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config);
    runtime.registerWorkflowImplementationTypes(ItWorkflows.ParkedWorkflowImpl.class)
        .registerActivitiesImplementations(new ItWorkflows.StepActivityImpl());
    runtime.start();
    return runtime;
  }

  private static long[] release(List<WorkflowStub> stubs) throws Exception {
    long[] millis = new long[stubs.size()];
    for (int i = 0; i < stubs.size(); i++) {
      long start = System.nanoTime();
      stubs.get(i).signal("release");
      stubs.get(i).getResult(60, TimeUnit.SECONDS, Void.class);
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static void awaitCached(AdaptiveWorkerRuntime runtime, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      runtime.metrics().tick();
      double cached = runtime.metrics().exact().registry().find("temporal_sticky_cache_size").gauges().stream()
          .mapToDouble(g -> g.value()).max().orElse(0);
      if (cached >= count) {
        return;
      }
      assertThat(System.nanoTime()).as("%d workflows parked within 60 s (cached %.0f)", count, cached)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
