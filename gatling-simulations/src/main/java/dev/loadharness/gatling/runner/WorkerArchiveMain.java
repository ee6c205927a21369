package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.driver.WarmUp;
import dev.loadharness.scenarios.server.InMemoryServer;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.worker.WorkerArchive;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code WorkerArchiveMain <archive.jsa>}: writes the worker JVMs' AppCDS archive ({@link WorkerArchive}) for
 * this JVM's classpath. A training worker runs the default gate scenario's mix (every main shape, 16 workflows)
 * against an in-memory server and is then stopped, and its JVM writes the classes it loaded. {@code scripts/load}
 * runs this once per build. Exit 0 written, 2 not (the load runs then start workers without an archive).
 */
public final class WorkerArchiveMain {
  private WorkerArchiveMain() {}

  /** Writes the archive named by {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: WorkerArchiveMain <archive.jsa>");
      System.exit(2);
    }
    Path archive = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(archive.getParent());
    Files.deleteIfExists(archive);
    String classpath = System.getProperty("java.class.path");
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    Path dir = Files.createTempDirectory("worker-archive");
    try (InMemoryServer server = InMemoryServer.start("default")) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
      try (WorkerProcesses worker = WorkerProcesses.start(spec.workers().withProcesses(1), server.connection(),
          "archive-training", dir, classpath, List.of(), WorkerArchive.trainingOptions(archive))) {
        WarmUp.run(WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build()),
            "archive-training", "archive-training-", spec, Duration.ofSeconds(60));
      } finally {
        stubs.shutdownNow();
      }
    }
    // The worker's JVM writes the archive as it exits (SIGTERM from close, after its shutdown hook).
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      System.err.println("WorkerArchiveMain: the training worker wrote no archive at " + archive + "; see "
          + dir.resolve("workers"));
      System.exit(2);
    }
    WorkerArchive.recordClasspath(archive, classpath);
    System.out.println("worker class-data archive: " + archive + " (" + Files.size(archive) / 1024 / 1024 + " MiB)");
    System.exit(0);
  }
}
