package dev.loadharness.scenarios.worker;

import dev.loadharness.scenarios.spec.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Launches worker JVMs with this JVM's classpath, waits until each polls, and stops them: SIGTERM first so
 * they write their final metrics, SIGKILL after a bounded wait. {@link #kill(int)} is the worker-restart
 * scenario's SIGKILL.
 */
public final class WorkerProcesses implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final List<Process> processes = new ArrayList<>();
  private final List<Path> directories = new ArrayList<>();

  private WorkerProcesses() {}

  /**
   * Starts {@code settings.processes()} workers under {@code runDir/workers/worker-<i>} and waits until all
   * are polling; on failure stops what started and throws with the worker's log tail.
   */
  public static WorkerProcesses start(WorkerSettings settings, String target, String namespace, String taskQueue,
      Path runDir) {
    WorkerProcesses workers = new WorkerProcesses();
    try {
      for (int i = 1; i <= settings.processes(); i++) {
        workers.launch("worker-" + i, settings, target, namespace, taskQueue, runDir);
      }
      workers.awaitReady();
      return workers;
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  private void launch(String id, WorkerSettings s, String target, String namespace, String queue, Path runDir) {
    Path dir = runDir.resolve("workers").resolve(id);
    try {
      Files.createDirectories(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
          "-Dlogback.configurationFile=" + logbackConfig(dir),
          "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
          "--worker-id", id, "--target", target, "--namespace", namespace, "--task-queue", queue,
          "--dir", dir.toString(), "--runtime", s.runtime().id(),
          "--workflow-slots", String.valueOf(s.workflowSlots()), "--activity-slots", String.valueOf(s.activitySlots()),
          "--workflow-pollers", String.valueOf(s.workflowPollers()),
          "--activity-pollers", String.valueOf(s.activityPollers()), "--cache-size", String.valueOf(s.cacheSize())));
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("worker.log").toFile())
          .start();
      processes.add(process);
      directories.add(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker " + id, e);
    }
  }

  private static String logbackConfig(Path dir) throws IOException {
    Path file = dir.resolve("logback.xml");
    Files.writeString(file, """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="io.grpc" level="WARN"/>
          <logger name="io.temporal" level="WARN"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    return file.toString();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      Path ready = directories.get(i).resolve("ready");
      while (!Files.exists(ready)) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException("worker " + directories.get(i).getFileName() + " exited with code "
              + processes.get(i).exitValue() + " before polling; log: " + tail(directories.get(i)));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("worker " + directories.get(i).getFileName() + " not polling after "
              + READY_TIMEOUT.toSeconds() + " s; log: " + tail(directories.get(i)));
        }
        sleep(100);
      }
    }
  }

  private static String tail(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("worker.log"));
      return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The directories of the workers, in launch order. */
  public List<Path> directories() {
    return List.copyOf(directories);
  }

  /** Kills worker {@code index} with SIGKILL (no shutdown hook runs), as a crashed host would. */
  public void kill(int index) {
    Process process = processes.get(index);
    process.destroyForcibly();
    waitFor(process, Duration.ofSeconds(10));
  }

  /** The latest metrics snapshot of each worker that wrote one. */
  public List<WorkerMetricsSnapshot> snapshots() {
    List<WorkerMetricsSnapshot> list = new ArrayList<>();
    for (Path dir : directories) {
      Path file = dir.resolve(WorkerMetricsSnapshot.FILE);
      if (Files.exists(file)) {
        list.add(WorkerMetricsSnapshot.read(file));
      }
    }
    return list;
  }

  /**
   * Snapshots taken after every worker has written at least once more (they write each second), so the
   * figures include everything that happened before this call.
   */
  public List<WorkerMetricsSnapshot> settledSnapshots() {
    sleep(2_100);
    return snapshots();
  }

  /** SIGTERM to all, so they flush metrics; SIGKILL whatever is still alive after 20 s. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      if (!waitFor(process, Duration.ofSeconds(20))) {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(5));
      }
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for workers", e);
    }
  }

  /** Exposed for the restart scenario's log line. */
  public Optional<Long> pid(int index) {
    return index < processes.size() ? Optional.of(processes.get(index).pid()) : Optional.empty();
  }
}
