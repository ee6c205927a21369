package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Runs {@link EchoWorkflow} through a real worker against a server over gRPC. */
final class RoundTrip {
  private RoundTrip() {}

  /** Starts a worker, executes one workflow with one activity and returns its workflow id. */
  static String run(ServerEnvironment server) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      String taskQueue = "roundtrip-" + UUID.randomUUID();
      var worker = factory.newWorker(taskQueue);
      worker.registerWorkflowImplementationTypes(EchoWorkflow.Impl.class);
      worker.registerActivitiesImplementations(new EchoWorkflow.ActivitiesImpl());
      factory.start();
      try {
        String workflowId = "echo-" + UUID.randomUUID();
        EchoWorkflow workflow =
            client.newWorkflowStub(
                EchoWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(taskQueue)
                    .setWorkflowId(workflowId)
                    .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                    .build());
        assertThat(workflow.echo("hello")).isEqualTo("echo:HELLO");
        return workflowId;
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static int port(ServerEnvironment server) {
    String target = server.target();
    return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
  }
}
