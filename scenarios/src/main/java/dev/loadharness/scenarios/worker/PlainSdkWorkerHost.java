package dev.loadharness.scenarios.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;

/**
 * The SDK's own worker and nothing else ({@code plain-sdk}): the fixed slots, pollers and cache of the spec,
 * the catalog registered, and no metrics scope, gRPC interceptor or worker interceptor of the harness. It is
 * the baseline the runtime's overhead is measured against (its factory and workers are built as
 * {@link SdkWorkerHost}'s, one worker per task queue), so the only harness code in its process is the
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
    factory = SdkWorkerHost.startFactory(stubs, config);
  }

  @Override
  public void close() {
    SdkWorkerHost.stop(factory, stubs);
  }
}
