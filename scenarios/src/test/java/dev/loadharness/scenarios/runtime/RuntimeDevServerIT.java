package dev.loadharness.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.StickyCacheConfig;
import dev.loadharness.runtime.metrics.ExportedMetrics;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.runtime.metrics.SeriesKey;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime against the Temporal CLI's real dev server (skipped when the CLI is missing): server
 * backlog from DescribeTaskQueue, sticky hits and evictions with a deliberately small cache, and
 * every exported metric family present in a real Prometheus scrape. Needs: dev-server.
 */
class RuntimeDevServerIT {
  private static final String NAMESPACE = "default";
  private static DevServer server;
  @TempDir static Path logs;

  @BeforeAll
  static void startServer() {
    Optional<Path> cli = new SystemProbes(SettingSource.system()).temporalCli();
    Assumptions.assumeTrue(cli.isPresent(), "needs the temporal CLI (PATH or TEMPORAL_CLI) for the dev server");
    server = DevServer.start(DevServerOptions.defaults(cli.get(), NAMESPACE, logs));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void exportsEveryDashboardFamilyAndServerBacklogOnARealServer() throws Exception {
    String queue = "dev-it-" + System.nanoTime();
    RuntimeConfig config = RuntimeConfig.defaults(server.target(), NAMESPACE, queue)
        .withPollers(new PollerConfig(PollerMode.FIXED, 2, 2, 1, 100, Duration.ofMillis(50)))
        // Four workflow threads for eight workflows running at once: the SDK must evict cached
        // workflows to get threads (forced evictions), which then miss and replay.
        .withSticky(new StickyCacheConfig(600, 4, Duration.ofSeconds(5), Duration.ofMillis(500)))
        .withMetrics(new MetricsConfig(Set.of(MetricsExporter.PROMETHEUS), Optional.empty(), 0,
            Duration.ofMillis(500), Optional.empty()));
    ItWorkflows.StepActivityImpl activities = new ItWorkflows.StepActivityImpl();
    activities.failuresToThrow.set(1);
    try (AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config)) {
      runtime.registerWorkflowImplementationTypes(ItWorkflows.StepsWorkflowImpl.class)
          .registerActivitiesImplementations(activities);
      runtime.start();
      List<WorkflowStub> stubs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ItWorkflows.StepsWorkflow workflow = runtime.client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-" + i).build());
        // 1 s steps keep all eight in flight at once whatever the machine's load, so the four threads
        // cannot serve them without evictions (20 ms steps let a quiet machine finish workflows before the
        // later ones start; 300 ms steps did the same on a machine so loaded that the eight starts took
        // longer than one workflow, and then nothing needs evicting).
        WorkflowClient.start(workflow::run, 4, 1000L);
        stubs.add(WorkflowStub.fromTyped(workflow));
      }
      for (WorkflowStub stub : stubs) {
        assertThat(stub.getResult(60, TimeUnit.SECONDS, Integer.class)).isEqualTo(4);
      }
      // Eight workflows cycling through four cached threads is LRU's worst case: on a quiet machine every task
      // finds its workflow evicted, so no hit at all. One workflow alone afterwards, with short steps, is served
      // from the cache after each step: the hits, whatever the timing of the eight.
      ItWorkflows.StepsWorkflow alone = runtime.client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-alone").build());
      assertThat(alone.run(4, 20L)).isEqualTo(4);
      // The SDK's counters reach the exact metrics when its tally scope reports (each metrics interval), not when
      // the workflow returns: tick until the hits have arrived, within a bound far above the interval.
      var exact = runtime.metrics().exact();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      do {
        runtime.metrics().tick();
        if (exact.counterSum(MetricNames.SDK_STICKY_HIT) > 0) {
          break;
        }
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);

      assertThat(runtime.serverBacklogUnsupported()).isFalse();
      assertThat(exact.gaugeValue(new SeriesKey(MetricNames.QUEUE_DEPTH, java.util.Map.of(
          "source", "server", "task_queue", queue, "slot_kind", "activity")))).isGreaterThanOrEqualTo(0.0);
      assertThat(exact.counterSum(MetricNames.SDK_STICKY_HIT)).isPositive();
      assertThat(exact.counterSum(MetricNames.SDK_STICKY_EVICTION)).isPositive();
      assertThat(exact.gaugeValue(SeriesKey.of(MetricNames.STICKY_HIT_RATIO))).isBetween(0.0, 1.0);
      assertThat(exact.cumulative(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount())
          .as("one sample per activity task, retries included")
          .isEqualTo(activities.started.get());

      Set<String> scraped = new TreeSet<>();
      for (String line : RuntimeInMemoryIT.scrape(runtime.metrics().prometheusPort().orElseThrow()).split("\n")) {
        if (!line.startsWith("#") && line.startsWith("temporal_")) {
          scraped.add(ExportedMetrics.family(line.split("[{ ]", 2)[0]));
        }
      }
      assertThat(scraped).containsAll(ExportedMetrics.FAMILIES);
      assertThat(runtime.drain(Duration.ofSeconds(10))).isTrue();
    }
  }
}
