package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the Temporal CLI (scripts/install-temporal-cli); .ci/run installs it, so CI runs these. */
class DevServerIT {
  private static Path cli;

  @TempDir Path runDir;

  @BeforeAll
  static void findCli() {
    var found = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(found.isPresent(), "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    cli = found.get();
  }

  private DevServerOptions options() {
    return DevServerOptions.defaults(cli, "load-harness", runDir);
  }

  @Test
  void runsAWorkflowAndLeavesNoProcessOrPortBehind() {
    DevServer server = DevServer.start(options());
    ProcessHandle process = server.processHandle();
    int port = RoundTrip.port(server);
    try {
      assertThat(server.target()).startsWith("127.0.0.1:");
      assertThat(server.serverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(server.capabilities()).containsExactlyInAnyOrder(ServerCapability.values());
      assertThat(server.logFile()).exists().hasParent(runDir);
      RoundTrip.run(server);
    } finally {
      server.close();
    }
    assertThat(process.isAlive()).as("dev server pid %d after close", process.pid()).isFalse();
    assertThat(process.descendants().filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(LoopbackPorts.isFree(port)).as("port %d free after close", port).isTrue();
  }

  @Test
  void aTakenPreferredPortIsReplacedByAFreeOne() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DevServer server = DevServer.start(options().withPreferredPort(squatter.getLocalPort()))) {
      assertThat(RoundTrip.port(server)).isNotEqualTo(squatter.getLocalPort());
      RoundTrip.run(server);
    }
  }

  @Test
  void notReadyInTimeKillsTheProcessAndReportsItsLog() {
    assertThatThrownBy(() -> DevServer.start(options().withReadyTimeout(Duration.ofMillis(1))))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessageContaining("dev-server at 127.0.0.1:")
        .hasMessageContaining("was not ready within 1 ms")
        .hasMessageContaining("the process was stopped")
        .hasMessageContaining("Last lines of " + runDir.resolve(DevServer.LOG_FILE));
    assertThat(ProcessHandle.current().descendants().filter(DevServerIT::isDevServer)).isEmpty();
  }

  /**
   * The CLI picks its internal services' ports itself; one taken meanwhile ends its start in a panic whose
   * goroutine dump buries the "address already in use" line far above the log's last lines. The wrapper
   * dies that way once, then runs the real CLI: the start must retry, not report the dump as a failure.
   */
  @Test
  void anInternalPortLostToAnotherProcessIsRetried() throws IOException {
    Path marker = runDir.resolve("died-once");
    Path wrapper = runDir.resolve("temporal-dies-once");
    Files.writeString(wrapper, "#!/bin/sh\n"
        + "if [ ! -e '" + marker + "' ]; then\n"
        + "  touch '" + marker + "'\n"
        + "  echo 'panic: listen tcp 127.0.0.1:40001: bind: address already in use'\n"
        + "  i=0; while [ $i -lt 200 ]; do echo \"goroutine $i [running]:\"; i=$((i+1)); done\n"
        + "  exit 2\n"
        + "fi\n"
        + "exec '" + cli + "' \"$@\"\n");
    assertThat(wrapper.toFile().setExecutable(true)).isTrue();
    DevServerOptions viaWrapper = new DevServerOptions(wrapper, "load-harness", 0, runDir, java.util.Optional.empty(),
        DevServerOptions.DEFAULT_READY_TIMEOUT);
    try (DevServer server = DevServer.start(viaWrapper)) {
      assertThat(marker).exists();
      RoundTrip.run(server);
    }
  }

  @Test
  void aServerThatDiesAtStartIsReportedWithTheTailOfItsLog() {
    Path impossibleDb = runDir.resolve("no-such-dir").resolve("state.db");
    assertThatThrownBy(() -> DevServer.start(options().withDbFile(impossibleDb)))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessageContaining("exited before it became ready")
        .hasMessageContaining("Last lines of")
        .hasMessageContaining("no-such-dir: no such file or directory");
  }

  @Test
  void stateSurvivesARestartWithADbFile() {
    DevServerOptions persistent = options().withDbFile(runDir.resolve("state.db"));
    String workflowId;
    try (DevServer first = DevServer.start(persistent)) {
      workflowId = RoundTrip.run(first);
    }
    try (DevServer second = DevServer.start(persistent)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(second.connection().toStubsOptions().build());
      try {
        var described =
            stubs
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(second.namespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
        assertThat(described.getWorkflowExecutionInfo().getStatus().name())
            .isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
      } finally {
        stubs.shutdownNow();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** A live {@code temporal server start-dev} started by this test JVM. */
  private static boolean isDevServer(ProcessHandle process) {
    return process.isAlive()
        && process.info().arguments().map(args -> String.join(" ", args).contains("start-dev")).orElse(false);
  }
}
