package dev.loadharness.scenarios.worker;

import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.spec.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Launches worker JVMs with this JVM's classpath (or a given one), waits until each polls, and stops them:
 * SIGTERM first so they write their final metrics, SIGKILL after a bounded wait. Each worker gets the run's
 * connection in its environment (TLS files and API key included) and this JVM's pid to watch, so it exits
 * when the runner dies. A worker that ends while the run did not stop or kill it is recorded as a {@link Death}.
 */
public final class WorkerProcesses implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final List<Process> processes = new ArrayList<>();
  private final List<WorkerFiles> files = new ArrayList<>();
  private final Set<Integer> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
  private final List<Death> deaths = new CopyOnWriteArrayList<>();
  private final long startedMs = System.currentTimeMillis();

  private WorkerProcesses() {}

  /**
   * No worker processes: the run drives a deployed fleet the harness neither starts nor stops, so deaths,
   * snapshots and files are empty.
   */
  public static WorkerProcesses none() {
    return new WorkerProcesses();
  }

  /**
   * A worker that ended on its own during the run.
   *
   * @param workerId e.g. {@code worker-1}
   * @param exitCode its exit code (137 for SIGKILL)
   * @param atMs when it ended, epoch ms
   */
  public record Death(String workerId, int exitCode, long atMs) {}

  /**
   * Starts {@code settings.processes()} workers under {@code runDir/workers/worker-<i>} and waits until all
   * are polling; on failure stops what started and throws with the worker's log tail.
   */
  public static WorkerProcesses start(WorkerSettings settings, ConnectionSettings connection, String taskQueue,
      Path runDir) {
    return start(settings, connection, taskQueue, runDir, System.getProperty("java.class.path"), List.of());
  }

  /**
   * As {@link #start(WorkerSettings, ConnectionSettings, String, Path)}, the workers running the code on
   * {@code classpath} (an A/B run's baseline build, else this JVM's) with extra worker arguments (injected
   * regressions).
   */
  public static WorkerProcesses start(WorkerSettings settings, ConnectionSettings connection, String taskQueue,
      Path runDir, String classpath, List<String> workerArguments) {
    return start(settings, connection, taskQueue, runDir, classpath, workerArguments,
        WorkerArchive.jvmOptions(WorkerArchive.configured(), classpath));
  }

  /**
   * As {@link #start(WorkerSettings, ConnectionSettings, String, Path, String, List)} with these JVM options
   * instead of the configured {@link WorkerArchive} (a training run passes the options that write it).
   */
  public static WorkerProcesses start(WorkerSettings settings, ConnectionSettings connection, String taskQueue,
      Path runDir, String classpath, List<String> workerArguments, List<String> jvmOptions) {
    WorkerProcesses workers = new WorkerProcesses();
    try {
      for (int i = 1; i <= settings.processes(); i++) {
        workers.launch(WorkerFiles.of(runDir, "worker-" + i), settings, connection, taskQueue, classpath,
            workerArguments, jvmOptions);
      }
      workers.awaitReady();
      return workers;
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  private void launch(WorkerFiles worker, WorkerSettings s, ConnectionSettings connection, String queue,
      String classpath, List<String> extra, List<String> jvmOptions) {
    try {
      Files.createDirectories(worker.dir());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC"));
      command.addAll(jvmOptions);
      command.addAll(ExtraJvmOptions.fromEnvironment(ExtraJvmOptions.WORKERS));
      command.addAll(List.of(
          "-Dlogback.configurationFile=" + logbackConfig(worker),
          "-cp", classpath, WorkerMain.class.getName(),
          "--worker-id", worker.workerId(), "--task-queue", queue,
          "--dir", worker.dir().toString(), "--runtime", s.runtime().id(),
          "--workflow-slots", String.valueOf(s.workflowSlots()), "--activity-slots", String.valueOf(s.activitySlots()),
          "--workflow-pollers", String.valueOf(s.workflowPollers()),
          "--activity-pollers", String.valueOf(s.activityPollers()), "--cache-size", String.valueOf(s.cacheSize()),
          "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
      command.addAll(extra);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(worker.log().toFile());
      Map<String, String> env = builder.environment();
      // Only the run's connection reaches the worker, not whatever TEMPORAL_* the runner was started with.
      env.keySet().removeIf(k -> k.startsWith("TEMPORAL_"));
      env.putAll(connection.toEnvironment());
      Process process = builder.start();
      int index = processes.size();
      processes.add(process);
      files.add(worker);
      process.onExit().thenAccept(p -> {
        if (!stoppedOnPurpose.contains(index)) {
          deaths.add(new Death(worker.workerId(), p.exitValue(), System.currentTimeMillis()));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker " + worker.workerId(), e);
    }
  }

  private static String logbackConfig(WorkerFiles worker) throws IOException {
    Files.writeString(worker.logbackConfig(), """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="io.grpc" level="WARN"/>
          <logger name="io.temporal" level="WARN"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    return worker.logbackConfig().toString();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      WorkerFiles worker = files.get(i);
      while (!Files.exists(worker.ready())) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException("worker " + worker.workerId() + " exited with code "
              + processes.get(i).exitValue() + " before polling; log: " + tail(worker));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("worker " + worker.workerId() + " not polling after "
              + READY_TIMEOUT.toSeconds() + " s; log: " + tail(worker));
        }
        sleep(100);
      }
    }
  }

  private static String tail(WorkerFiles worker) {
    try {
      List<String> lines = Files.readAllLines(worker.log());
      return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The files of each worker, in launch order. */
  public List<WorkerFiles> files() {
    return List.copyOf(files);
  }

  /** When the first worker was launched, epoch ms. */
  public long startedMs() {
    return startedMs;
  }

  /** Kills worker {@code index} with SIGKILL (no shutdown hook runs), as a crashed host would. */
  public void kill(int index) {
    stoppedOnPurpose.add(index);
    Process process = processes.get(index);
    process.destroyForcibly();
    ChildProcesses.waitFor(process, Duration.ofSeconds(10));
  }

  /** The workers that ended by themselves so far (not stopped, not killed by the scenario). */
  public List<Death> deaths() {
    return List.copyOf(deaths);
  }

  /** The latest metrics snapshot of each worker that wrote one. */
  public List<WorkerMetricsSnapshot> snapshots() {
    List<WorkerMetricsSnapshot> list = new ArrayList<>();
    for (WorkerFiles worker : files) {
      if (Files.exists(worker.snapshot())) {
        list.add(WorkerMetricsSnapshot.read(worker.snapshot()));
      }
    }
    return list;
  }

  /**
   * Snapshots taken after every worker has written at least once more (they write each second), so the
   * figures include everything that happened before this call.
   */
  public List<WorkerMetricsSnapshot> settledSnapshots() {
    if (processes.isEmpty()) {
      return List.of();
    }
    sleep(2_100);
    return snapshots();
  }

  /** SIGTERM to all, so they flush metrics; SIGKILL whatever is still alive after 20 s. */
  @Override
  public void close() {
    for (int i = 0; i < processes.size(); i++) {
      stoppedOnPurpose.add(i);
    }
    ChildProcesses.stop(processes, Duration.ofSeconds(20));
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
