package dev.loadharness.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.RuntimeState;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.TunerKind;
import dev.loadharness.runtime.config.StickyCacheConfig;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.runtime.metrics.PollLatencyInterceptor;
import dev.loadharness.runtime.metrics.RuntimeMetrics;
import dev.loadharness.runtime.transport.TransportPool;
import dev.loadharness.scenarios.server.InMemoryServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime against Temporal's in-memory test server over real gRPC on loopback. Needs: in-memory. */
@Tag("alone") // a controller that reads CPU: runs with the machine to itself (pom.xml)
class RuntimeInMemoryIT {
  private static final String NAMESPACE = "runtime-it";
  private static InMemoryServer server;

  @TempDir Path metricsDir;

  @BeforeAll
  static void startServer() {
    server = InMemoryServer.start(NAMESPACE);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private RuntimeConfig config(List<String> queues) {
    return RuntimeConfig.defaults(server.target(), NAMESPACE, queues.get(0))
        .withTaskQueues(queues)
        .withPollers(new PollerConfig(PollerMode.FIXED, 2, 2, 1, 100, Duration.ofMillis(50)))
        .withMetrics(new MetricsConfig(Set.of(MetricsExporter.PROMETHEUS, MetricsExporter.JSONL),
            Optional.of(metricsDir), 0, Duration.ofMillis(500), Optional.empty()));
  }

  @Test
  void workersOnThreeQueuesRunWorkflowsOverOneChannel_dynamicOff() throws Exception {
    List<String> queues = List.of("q-a", "q-b", "q-c");
    ItWorkflows.StepActivityImpl activities = new ItWorkflows.StepActivityImpl();
    try (AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config(queues))) {
      runtime.registerWorkflowImplementationTypes(ItWorkflows.StepsWorkflowImpl.class)
          .registerActivitiesImplementations(activities);
      runtime.start();
      assertThat(runtime.state()).isEqualTo(RuntimeState.STARTED);
      int workflows = 12;
      int steps = 3;
      List<WorkflowStub> stubs = new ArrayList<>();
      for (int i = 0; i < workflows; i++) {
        ItWorkflows.StepsWorkflow workflow = runtime.client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(queues.get(i % queues.size()))
                .setWorkflowId("it-" + i + "-" + System.nanoTime()).build());
        WorkflowClient.start(workflow::run, steps, 5L);
        stubs.add(WorkflowStub.fromTyped(workflow));
      }
      for (WorkflowStub stub : stubs) {
        assertThat(stub.getResult(30, TimeUnit.SECONDS, Integer.class)).isEqualTo(steps);
      }
      runtime.metrics().tick();
      var exact = runtime.metrics().exact();

      // Three workers and the client: one channel, one TCP connection.
      assertThat(runtime.transports().counters().channelsCreated()).isEqualTo(1);
      assertThat(runtime.transports().counters().connectionsOpened()).isEqualTo(1);
      assertThat(runtime.transports().counters().tlsHandshakes()).isZero();

      // SDK issue 2733: each activity task's schedule-to-start is counted once.
      int executed = activities.completed.get();
      assertThat(executed).isEqualTo(workflows * steps);
      assertThat(exact.cumulative(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount())
          .as("series: %s", exact.seriesOf(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START))
          .isEqualTo(executed);
      assertThat(exact.counterSum(MetricNames.DUPLICATE_SAMPLES_DROPPED)).isEqualTo(executed);
      assertThat(exact.cumulative(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START).getTotalCount()).isPositive();
      assertThat(exact.cumulative(MetricNames.POLL_LATENCY_MS).getTotalCount())
          .as("successful polls: at least one per activity task")
          .isGreaterThanOrEqualTo(executed);

      // The in-memory server cannot describe task queues: no backlog gauge, no crash.
      assertThat(runtime.serverBacklogUnsupported()).isTrue();
      assertThat(exact.hasGauge(MetricNames.QUEUE_DEPTH)).isFalse();

      String scrape = scrape(runtime.metrics().prometheusPort().orElseThrow());
      assertThat(scrape).contains(MetricNames.POLL_LATENCY_MS + "_count")
          .contains("temporal_activity_schedule_to_start_latency_seconds_count")
          .contains(MetricNames.TRANSPORT_CHANNELS);

      assertThat(runtime.drain(Duration.ofSeconds(10))).isTrue();
    }
    Path hlog = Files.list(metricsDir).filter(p -> p.toString().endsWith(".hlog")).findFirst().orElseThrow();
    Path jsonl = Files.list(metricsDir).filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    assertThat(Files.readString(hlog)).contains("Tag=" + MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START);
    assertThat(Files.readAllLines(jsonl)).isNotEmpty().anySatisfy(line -> assertThat(line).contains(MetricNames.SDK_STICKY_HIT));
  }

  @Test
  void adaptiveConcurrencyRunsWorkflows_dynamicOn() throws Exception {
    ConcurrencySettings dynamic = new ConcurrencySettings(true, new SlotLimits(4, 2, 16), new SlotLimits(4, 2, 16),
        new SlotLimits(4, 2, 16), Duration.ofSeconds(1));
    ItWorkflows.StepActivityImpl activities = new ItWorkflows.StepActivityImpl();
    try (AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(
        config(List.of("q-adaptive")).withConcurrency(TunerKind.ADAPTIVE, dynamic))) {
      runtime.registerWorkflowImplementationTypes(ItWorkflows.StepsWorkflowImpl.class)
          .registerActivitiesImplementations(activities);
      runtime.start();
      List<WorkflowStub> stubs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        ItWorkflows.StepsWorkflow workflow = runtime.client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("q-adaptive").setWorkflowId("adaptive-" + i + "-" + System.nanoTime())
                .build());
        WorkflowClient.start(workflow::run, 3, 50L);
        stubs.add(WorkflowStub.fromTyped(workflow));
      }
      for (WorkflowStub stub : stubs) {
        assertThat(stub.getResult(60, TimeUnit.SECONDS, Integer.class)).isEqualTo(3);
      }
      var controller = runtime.concurrency("q-adaptive").orElseThrow();
      assertThat(controller.limit(SlotKind.ACTIVITY)).isBetween(2, 16);
      runtime.metrics().tick();
      String scrape = scrape(runtime.metrics().prometheusPort().orElseThrow());
      assertThat(scrape).contains("temporal_worker_concurrency_limit{slot_kind=\"activity\",task_queue=\"q-adaptive\"}");
      assertThat(scrape).contains("source=\"slot_reservations\"");
      assertThat(runtime.drain(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void drainLetsInFlightActivitiesFinish() throws Exception {
    ItWorkflows.StepActivityImpl activities = new ItWorkflows.StepActivityImpl();
    activities.startedLatch = new CountDownLatch(3);
    AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config(List.of("q-drain")));
    try {
      runtime.registerWorkflowImplementationTypes(ItWorkflows.StepsWorkflowImpl.class)
          .registerActivitiesImplementations(activities);
      runtime.start();
      for (int i = 0; i < 3; i++) {
        ItWorkflows.StepsWorkflow workflow = runtime.client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("q-drain").setWorkflowId("drain-" + i + "-" + System.nanoTime())
                .build());
        WorkflowClient.start(workflow::run, 1, 1_500L);
      }
      assertThat(activities.startedLatch.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(activities.completed.get()).isZero();

      boolean drained = runtime.drain(Duration.ofSeconds(20));

      assertThat(drained).isTrue();
      assertThat(activities.completed.get()).as("in-flight activities completed during drain").isEqualTo(3);
      assertThat(runtime.state()).isEqualTo(RuntimeState.DRAINING);
    } finally {
      runtime.close();
      runtime.close();
    }
    assertThat(runtime.state()).isEqualTo(RuntimeState.CLOSED);
  }

  @Test
  void separateRuntimesLeasingOnePoolShareOneChannel() throws Exception {
    MetricsConfig metricsConfig = new MetricsConfig(Set.of(MetricsExporter.NONE), Optional.empty(), 0,
        Duration.ofSeconds(1), Optional.empty());
    try (RuntimeMetrics metrics = new RuntimeMetrics(metricsConfig, "shared");
        TransportPool pool = new TransportPool(metrics.sdkScope(), List.of(new PollLatencyInterceptor(metrics.exact())))) {
      List<AdaptiveWorkerRuntime> runtimes = new ArrayList<>();
      ItWorkflows.StepActivityImpl activities = new ItWorkflows.StepActivityImpl();
      for (int i = 0; i < 4; i++) {
        AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(
            config(List.of("shared-" + i)).withMetrics(metricsConfig)
                .withSticky(new StickyCacheConfig(600, 600, Duration.ofSeconds(5), Duration.ofMillis(200))),
            pool, metrics);
        runtime.registerWorkflowImplementationTypes(ItWorkflows.StepsWorkflowImpl.class)
            .registerActivitiesImplementations(activities);
        runtimes.add(runtime);
      }
      runtimes.forEach(AdaptiveWorkerRuntime::start);
      for (int i = 0; i < 4; i++) {
        ItWorkflows.StepsWorkflow workflow = runtimes.get(i).client().newWorkflowStub(ItWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("shared-" + i).setWorkflowId("shared-" + i + "-" + System.nanoTime())
                .build());
        assertThat(workflow.run(1, 1L)).isEqualTo(1);
      }
      assertThat(pool.counters().channelsCreated()).isEqualTo(1);
      assertThat(pool.counters().connectionsOpened()).isEqualTo(1);
      assertThat(pool.counters().leasesGranted()).isEqualTo(4);
      for (AdaptiveWorkerRuntime runtime : runtimes) {
        assertThat(runtime.drain(Duration.ofSeconds(10))).isTrue();
        runtime.close();
      }
      assertThat(pool.openTransports()).isZero();
    }
  }

  static String scrape(int port) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
