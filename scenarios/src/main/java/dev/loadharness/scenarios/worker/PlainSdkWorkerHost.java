package dev.loadharness.scenarios.worker;

import dev.loadharness.scenarios.spec.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's own worker and nothing else ({@code plain-sdk}): the fixed slots, pollers and cache of the spec,
 * the catalog registered, and no metrics scope, gRPC interceptor or worker interceptor of the harness. It is
 * the baseline the runtime's overhead is measured against, so the only harness code in its process is the
 * worker process's once-a-second tick that reads process CPU, heap and GC (the tick the other modes run too).
 */
public final class PlainSdkWorkerHost implements WorkerHost {
  private final WorkerConfig config;
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;

  /** A host for {@code config}; it refuses an injected workflow-task delay, which needs an interceptor. */
  public PlainSdkWorkerHost(WorkerConfig config) {
    if (!config.workflowTaskDelay().isZero()) {
      throw new IllegalArgumentException("workers.runtime plain-sdk: inject.workflow_task_delay_ms="
          + config.workflowTaskDelay().toMillis() + " needs a gRPC interceptor, which plain-sdk does not have; "
          + "use runtime fixed or adaptive");
    }
    this.config = config;
  }

  @Override
  public void start() {
    stubs = WorkflowServiceStubs.newServiceStubs(config.connection().toStubsOptions().build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace(config.connection().namespace()).setIdentity(config.workerId()).build());
    WorkerSettings s = config.settings();
    factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(s.cacheSize()).build());
    Worker worker = factory.newWorker(config.taskQueue(), SdkWorkerHost.workerOptions(s));
    Registrations r = config.registrations();
    worker.registerWorkflowImplementationTypes(r.workflowTypes().toArray(Class<?>[]::new));
    if (!r.activities().isEmpty()) {
      worker.registerActivitiesImplementations(r.activities().toArray());
    }
    factory.start();
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (stubs != null) {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
