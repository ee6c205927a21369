package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A finished run's open workflows are terminated on the real dev server, and only that run's: workflows on a
 * task queue no worker polls stay open as an overloaded run's do at its budget.
 */
class LeftoversIT {
  private static final String RUN = "20261201T200000Z-grid-b50-l200-sdk-resource-based";
  private static final String NEXT = "20261201T200000Z-grid-b50-l200-sdk-resource-based2";

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void terminatesTheRunsOpenWorkflowsAndNoOneElses() throws Exception {
    var cli = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(cli.isPresent(), "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    try (DevServer server = DevServer.start(DevServerOptions.defaults(cli.get(), "default",
        Files.createTempDirectory("leftovers").resolve("server")))) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs,
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
        List<String> ours = List.of(RUN + "-wf-1", RUN + "-wf-2", RUN + "-warmup-1");
        // An id that shares the run id's characters but not its "-" boundary: another run's, left alone.
        String other = NEXT + "-wf-1";
        for (String id : List.of(ours.get(0), ours.get(1), ours.get(2), other)) {
          client.newUntypedWorkflowStub("Nobody", WorkflowOptions.newBuilder().setTaskQueue("unpolled")
              .setWorkflowId(id).build()).start();
        }

        Leftovers.Result result = Leftovers.terminate(stubs, "default", RUN);

        assertThat(result.terminated()).as(result.describe(RUN)).isEqualTo(3);
        assertThat(result.stillRunning()).isZero();
        assertThat(result.describe(RUN)).isEqualTo("leftovers of " + RUN + ": terminated 3 open workflow(s)");
        for (String id : ours) {
          assertThat(status(client, id)).as(id).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        }
        assertThat(status(client, other)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(Leftovers.terminate(stubs, "default", RUN).terminated()).as("nothing left the second time").isZero();
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static WorkflowExecutionStatus status(WorkflowClient client, String id) {
    WorkflowStub stub = client.newUntypedWorkflowStub(id, java.util.Optional.empty(), java.util.Optional.empty());
    return stub.describe().getStatus();
  }
}
