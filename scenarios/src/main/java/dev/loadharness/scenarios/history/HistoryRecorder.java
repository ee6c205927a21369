package dev.loadharness.scenarios.history;

import dev.loadharness.scenarios.server.ServerEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Runs workflows against a real server with a real worker and writes their histories, to build
 * replay fixtures from histories a server actually produced (not hand-written JSON).
 */
public final class HistoryRecorder implements AutoCloseable {

  private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(3);
  private static final long CLI_TIMEOUT_S = 60;

  private final ServerEnvironment server;
  private final Optional<Path> temporalCli;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final String taskQueue = "history-recorder-" + UUID.randomUUID();

  /** Starts a worker for the given implementations on a fresh task queue of the server. */
  public HistoryRecorder(ServerEnvironment server, Optional<Path> temporalCli, List<Class<?>> workflowTypes,
      List<Object> activities) {
    this.server = server;
    this.temporalCli = temporalCli;
    this.stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    this.client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(workflowTypes.toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(activities.toArray());
    factory.start();
  }

  /** A recorder for {@link FixtureWorkflows}. */
  public static HistoryRecorder forFixtures(ServerEnvironment server, Optional<Path> temporalCli) {
    return new HistoryRecorder(server, temporalCli,
        List.of(FixtureWorkflows.GreetingWorkflowImpl.class, FixtureWorkflows.BulkyWorkflowImpl.class),
        List.of(new FixtureWorkflows.FixtureActivitiesImpl()));
  }

  /** Runs the workflow to completion (bounded) and writes its history in each format; returns the files. */
  public List<Path> record(Recording r, Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    WorkflowStub stub = client.newUntypedWorkflowStub(r.workflowType(), WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue).setWorkflowId(r.workflowId()).setWorkflowExecutionTimeout(WORKFLOW_TIMEOUT).build());
    stub.start(r.args().toArray());
    try {
      stub.getResult(WORKFLOW_TIMEOUT.toSeconds(), TimeUnit.SECONDS, Object.class);
    } catch (TimeoutException e) {
      throw new IOException("workflow " + r.workflowId() + " did not complete within " + WORKFLOW_TIMEOUT, e);
    }
    WorkflowExecutionHistory history = client.fetchHistory(r.workflowId());
    List<Path> written = new ArrayList<>();
    for (HistoryFileFormat format : r.formats()) {
      Path file = directory.resolve(r.workflowId() + format.extension());
      write(history, r.workflowId(), format, file);
      written.add(file);
    }
    return written;
  }

  private void write(WorkflowExecutionHistory history, String workflowId, HistoryFileFormat format, Path file)
      throws IOException, InterruptedException {
    switch (format) {
      case SDK_JSON:
        Files.writeString(file, history.toJson(true), StandardCharsets.UTF_8);
        break;
      case SDK_LEGACY_JSON:
        Files.writeString(file, history.toJson(true, true), StandardCharsets.UTF_8);
        break;
      case SDK_JSON_GZIP:
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
          out.write(history.toJson(true).getBytes(StandardCharsets.UTF_8));
        }
        break;
      case PROTOBUF:
        Files.write(file, history.getHistory().toByteArray());
        break;
      case CLI_JSON:
        showWithCli(workflowId, file);
        break;
      default:
        throw new IllegalArgumentException("unknown format " + format);
    }
  }

  private void showWithCli(String workflowId, Path file) throws IOException, InterruptedException {
    Path cli = temporalCli.orElseThrow(() -> new IOException(
        "format CLI_JSON needs the Temporal CLI (temporal on PATH); it was not found"));
    Process p = new ProcessBuilder(cli.toString(), "workflow", "show", "--workflow-id", workflowId,
        "--address", server.target(), "--namespace", server.namespace(), "--output", "json")
        .redirectOutput(file.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!p.waitFor(CLI_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("temporal workflow show " + workflowId + " did not exit within " + CLI_TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("temporal workflow show " + workflowId + " exited " + p.exitValue());
    }
  }

  /** The client, for tests that start executions themselves. */
  public WorkflowClient client() {
    return client;
  }

  /** The task queue the recorder's worker polls. */
  public String taskQueue() {
    return taskQueue;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    factory.shutdownNow();
    stubs.shutdownNow();
  }
}
