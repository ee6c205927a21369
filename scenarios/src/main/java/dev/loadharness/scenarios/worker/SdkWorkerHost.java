package dev.loadharness.scenarios.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.loadharness.runtime.metrics.PollLatencyInterceptor;
import dev.loadharness.scenarios.spec.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import io.grpc.ClientInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The plain SDK {@link WorkerFactory} with the spec's slots, pollers and cache: the baseline runtime.
 * {@code sdk-resource-based} and {@code sdk-poller-autoscaling} use the SDK's own tuners, so they are
 * compared against the same fixed baseline.
 */
public final class SdkWorkerHost implements WorkerHost {
  private final WorkerConfig config;
  private final WorkerMetrics metrics;
  private Scope scope;
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;

  public SdkWorkerHost(WorkerConfig config, WorkerMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void start() {
    scope = new RootScopeBuilder().reporter(metrics).reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    stubs = WorkflowServiceStubs.newServiceStubs(config.connection().toStubsOptions()
        .setMetricsScope(scope)
        .setGrpcClientInterceptors(interceptors())
        .build());
    factory = startFactory(stubs, config);
  }

  /**
   * A started factory on {@code stubs} with the spec's cache: one worker per queue of {@code config}, sharing the
   * factory's sticky cache and connection as omes's workers do, the catalog registered on each.
   */
  static WorkerFactory startFactory(WorkflowServiceStubs stubs, WorkerConfig config) {
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(config.connection().namespace()).setIdentity(config.workerId()).build());
    WorkerSettings s = config.settings();
    WorkerFactory factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(s.cacheSize()).build());
    for (String queue : config.taskQueues()) {
      Worker worker = factory.newWorker(queue, workerOptions(s));
      Registrations r = config.registrations();
      worker.registerWorkflowImplementationTypes(r.workflowTypes().toArray(Class<?>[]::new));
      if (!r.activities().isEmpty()) {
        worker.registerActivitiesImplementations(r.activities().toArray());
      }
    }
    factory.start();
    return factory;
  }

  /** Stops {@code factory}, then {@code stubs}; either may be null (a start that failed half-way). */
  static void stop(WorkerFactory factory, WorkflowServiceStubs stubs) {
    if (factory != null) {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (stubs != null) {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private List<ClientInterceptor> interceptors() {
    List<ClientInterceptor> list = new ArrayList<>(List.of(new PollLatencyInterceptor(
        (pollerType, taskQueue, millis) -> metrics.recordPoll(Math.round(millis * 1_000_000)))));
    if (!config.workflowTaskDelay().isZero()) {
      list.add(new WorkflowTaskDelay(config.workflowTaskDelay()));
    }
    return list;
  }

  static WorkerOptions workerOptions(WorkerSettings s) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(Duration.ofSeconds(5));
    switch (s.runtime()) {
      case FIXED, PLAIN_SDK -> options
          .setMaxConcurrentWorkflowTaskExecutionSize(s.workflowSlots())
          .setMaxConcurrentActivityExecutionSize(s.activitySlots())
          .setMaxConcurrentWorkflowTaskPollers(s.workflowPollers())
          .setMaxConcurrentActivityTaskPollers(s.activityPollers());
      case SDK_RESOURCE_BASED -> options
          .setWorkerTuner(ResourceBasedTuner.newBuilder()
              .setControllerOptions(ResourceBasedControllerOptions.newBuilder(0.8, 0.9).build())
              .build())
          .setMaxConcurrentWorkflowTaskPollers(s.workflowPollers())
          .setMaxConcurrentActivityTaskPollers(s.activityPollers());
      case SDK_POLLER_AUTOSCALING -> options
          .setMaxConcurrentWorkflowTaskExecutionSize(s.workflowSlots())
          .setMaxConcurrentActivityExecutionSize(s.activitySlots())
          .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(1, Math.max(2, s.workflowPollers()), 1))
          .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(1, Math.max(2, s.activityPollers()), 1));
      case ADAPTIVE -> throw new IllegalArgumentException("workers.runtime: adaptive runs on AdaptiveWorkerHost");
    }
    return options.build();
  }

  @Override
  public void close() {
    stop(factory, stubs);
    if (scope != null) {
      try {
        scope.close();
      } catch (com.uber.m3.tally.ScopeCloseException e) {
        throw new IllegalStateException("closing the metrics scope failed", e);
      }
    }
  }
}
