package dev.loadharness.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.StickyCacheConfig;
import dev.loadharness.runtime.metrics.ExactMetrics;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures heap per cached workflow, the input of the memory-aware sticky cache policy: park N
 * workflows in the cache of a worker talking to the dev server (a separate process, so server
 * state is not on this heap) and divide the heap growth after GC by N. Needs: dev-server.
 */
class StickyCacheFootprintIT {
  private static final int BASELINE = 20;
  private static final int MEASURED = 300;

  @TempDir Path logs;

  @Test
  void heapPerCachedWorkflow() throws Exception {
    Optional<Path> cli = new SystemProbes(SettingSource.system()).temporalCli();
    Assumptions.assumeTrue(cli.isPresent(), "needs the temporal CLI (PATH or TEMPORAL_CLI) for the dev server");
    try (DevServer server = DevServer.start(DevServerOptions.defaults(cli.get(), "default", logs))) {
      String queue = "footprint-" + System.nanoTime();
      RuntimeConfig config = RuntimeConfig.defaults(server.target(), "default", queue)
          .withPollers(new PollerConfig(PollerMode.FIXED, 4, 4, 1, 100, Duration.ZERO))
          .withSticky(new StickyCacheConfig(2_000, 2_000, Duration.ofSeconds(5), Duration.ZERO))
          .withMetrics(new MetricsConfig(Set.of(MetricsExporter.NONE), Optional.empty(), 0, Duration.ofSeconds(1),
              Optional.empty()));
      try (AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config)) {
        runtime.registerWorkflowImplementationTypes(ItWorkflows.ParkedWorkflowImpl.class)
            .registerActivitiesImplementations(new ItWorkflows.StepActivityImpl());
        runtime.start();
        park(runtime, queue, 0, BASELINE);
        long before = heapAfterGc();
        park(runtime, queue, BASELINE, BASELINE + MEASURED);
        long after = heapAfterGc();
        long perWorkflow = (after - before) / MEASURED;
        System.out.printf("STICKY CACHE FOOTPRINT: %d bytes (%.1f KiB) heap per cached workflow (%d parked, JDK %s)%n",
            perWorkflow, perWorkflow / 1024.0, MEASURED, Runtime.version());
        assertThat(perWorkflow).isBetween(1L, 4L << 20);
        assertThat(runtime.drain(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  private static void park(AdaptiveWorkerRuntime runtime, String queue, int from, int to) throws InterruptedException {
    for (int i = from; i < to; i++) {
      ItWorkflows.ParkedWorkflow workflow = runtime.client().newWorkflowStub(ItWorkflows.ParkedWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-" + i).build());
      WorkflowClient.start(workflow::park, 1);
    }
    ExactMetrics exact = runtime.metrics().exact();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (cached(runtime) < to) {
      assertThat(System.nanoTime()).as("%d workflows cached within 90 s (have %.0f)", to, cached(runtime))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(exact).isNotNull();
  }

  private static double cached(AdaptiveWorkerRuntime runtime) {
    runtime.metrics().tick();
    return runtime.metrics().exact().registry().find("temporal_sticky_cache_size").gauges().stream()
        .mapToDouble(g -> g.value()).max().orElse(0);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
