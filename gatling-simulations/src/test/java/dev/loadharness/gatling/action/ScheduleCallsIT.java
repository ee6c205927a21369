package dev.loadharness.gatling.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No schedule outlives its run on the user's cluster: an aborted run (a signal, a lost server) deletes the
 * schedule its user waits on, and the driver's close deletes every schedule still alive (a run that failed or
 * was cut at its budget). On the dev server, with no workers: the fires never run, the schedules stay alive.
 */
class ScheduleCallsIT {

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void anAbortAndTheDriversCloseDeleteTheSchedules() throws Exception {
    var cli = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(cli.isPresent(), "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    try (DevServer server = DevServer.start(DevServerOptions.defaults(cli.get(), "default",
        Files.createTempDirectory("schedule-calls").resolve("server")))) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs,
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
        LoadDriver driver = new LoadDriver(client, "no-workers", "sched-it-", ScenarioSpecs.load("schedules"), 42L, 4);
        String aborted = ScheduleCalls.create(driver, driver.nextAssignment()).get(30, TimeUnit.SECONDS);
        String left = ScheduleCalls.create(driver, driver.nextAssignment()).get(30, TimeUnit.SECONDS);
        assertThat(describe(stubs, aborted)).isTrue();
        assertThat(driver.liveSchedules()).containsExactlyInAnyOrder(aborted, left);

        var waiting = ScheduleCalls.completed(driver, aborted, driver.ledger().started());
        driver.abort("test: SIGTERM");
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasMessageContaining("run aborted");
        assertThat(describe(stubs, aborted)).as("the aborted user's schedule").isFalse();
        assertThat(describe(stubs, left)).isTrue();

        driver.close();
        assertThat(describe(stubs, left)).as("a schedule left alive, deleted by the driver's close").isFalse();
        assertThat(driver.liveSchedules()).isEmpty();
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /** Whether schedule {@code id} exists on the server. */
  private static boolean describe(WorkflowServiceStubs stubs, String id) {
    try {
      stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).describeSchedule(
          DescribeScheduleRequest.newBuilder().setNamespace("default").setScheduleId(id).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
