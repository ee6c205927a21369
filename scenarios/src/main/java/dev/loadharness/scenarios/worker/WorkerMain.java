package dev.loadharness.scenarios.worker;

import com.sun.management.OperatingSystemMXBean;
import dev.loadharness.scenarios.catalog.InjectedSlowdown;
import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.spec.WorkerSettings;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One worker process: polls the run's task queue with the catalog registered; every second and on exit
 * (SIGTERM) it appends to its {@link IntervalFiles} and rewrites its snapshot (counter totals, CPU); it writes a
 * {@code ready} file once polling. The connection (address, namespace, TLS files, API key) comes from the
 * runtime's {@code TEMPORAL_*} environment variables, so an API key never appears on a command line.
 * It exits by itself when the process that started it ends ({@code --parent-pid}) or after
 * {@code --max-lifetime}, so a runner that died, even by SIGKILL, never leaves it behind.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Runs one load-harness worker process.")
public final class WorkerMain implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  @Option(names = "--worker-id", required = true) String workerId;
  @Option(names = "--task-queue", required = true,
      description = "the queue to poll, or a comma-separated list: one SDK worker per queue") String taskQueue;
  @Option(names = "--dir", required = true, description = "this worker's directory in the run directory") Path dir;
  @Option(names = "--runtime", defaultValue = "fixed") String runtime;
  @Option(names = "--workflow-slots", defaultValue = "10") int workflowSlots;
  @Option(names = "--activity-slots", defaultValue = "14") int activitySlots;
  @Option(names = "--workflow-pollers", defaultValue = "5") int workflowPollers;
  @Option(names = "--activity-pollers", defaultValue = "5") int activityPollers;
  @Option(names = "--cache-size", defaultValue = "600") int cacheSize;
  @Option(names = "--max-lifetime", defaultValue = "PT30M", description = "ISO-8601 duration") Duration maxLifetime;
  @Option(names = "--inject-activity-slowdown", defaultValue = "1.0",
      description = "injected regression: activity time multiplied by this") double activitySlowdown;
  @Option(names = "--inject-workflow-task-delay-ms", defaultValue = "0",
      description = "injected regression: each workflow task completion held back this long") int workflowTaskDelayMs;
  @Option(names = "--parent-pid", description = "exit when this process ends (the runner)") Long parentPid;
  @Option(names = "--catalog", description = "register this WorkflowCatalog (by name); repeatable") List<String> catalogs
      = new ArrayList<>();
  @Option(names = "--workflow-class", description = "register this workflow implementation class; repeatable")
  List<String> workflowClasses = new ArrayList<>();
  @Option(names = "--activity-class", description = "register this activity implementation class; repeatable")
  List<String> activityClasses = new ArrayList<>();
  @Option(names = "--metrics-port", defaultValue = "0",
      description = "adaptive runtime: the Prometheus endpoint's port on 127.0.0.1 (0: any free port)") int metricsPort;

  /** Runs the worker until SIGTERM or {@code --max-lifetime}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkerMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    WorkerSettings.RuntimeMode mode = WorkerSettings.RuntimeMode.of(runtime).orElseThrow(
        () -> new CommandLine.ParameterException(new CommandLine(this), "--runtime: unknown \"" + runtime + "\""));
    WorkerSettings settings = new WorkerSettings(1, mode, workflowSlots, activitySlots, workflowPollers,
        activityPollers, cacheSize, Optional.empty());
    Files.createDirectories(dir);
    WorkerFiles files = new WorkerFiles(dir);
    ConnectionSettings connection = ConnectionSettings.fromEnvironment(System.getenv());
    WorkerMetrics metrics = new WorkerMetrics();
    InjectedSlowdown.set(activitySlowdown);
    Registrations registrations = Registrations.resolve(catalogs, workflowClasses, activityClasses,
        Thread.currentThread().getContextClassLoader());
    log.info("worker {} registers {} workflow type(s), {} activity implementation(s) from {}", workerId,
        registrations.workflowTypes().size(), registrations.activities().size(), registrations.origin());
    WorkerConfig config = new WorkerConfig(workerId, connection, taskQueue, settings, dir,
        Duration.ofMillis(workflowTaskDelayMs), registrations, metricsPort);
    WorkerHost host = switch (mode) {
      case ADAPTIVE -> new AdaptiveWorkerHost(config, metrics);
      case PLAIN_SDK -> new PlainSdkWorkerHost(config);
      default -> new SdkWorkerHost(config, metrics);
    };
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "worker-shutdown"));
    watchParent(stop);
    ProcessProbe probe = new ProcessProbe();
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    IntervalFiles intervals = new IntervalFiles(files);
    Runnable tick = () -> {
      // The interval first: the snapshot names the interval log's length after it, where a run starts reading.
      long cpuMs = probe.cpuMs();
      long intervalsOffset = intervals.append(metrics.drainInterval(), metrics, System.currentTimeMillis(), cpuMs,
          probe.compilerCpuMs(), probe.heapUsedNow());
      probe.snapshot(workerId, cpuMs, intervalsOffset, metrics).write(files.snapshot());
    };
    try {
      host.start();
      // A first sample before ready: a run measures CPU from the last sample before its injection starts.
      tick.run();
      writer.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
      Files.writeString(files.ready(), ProcessHandle.current().pid() + "\n");
      log.info("worker {} polling {} on {} ({})", workerId, taskQueue, connection, settings);
      if (!stop.await(maxLifetime.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("worker {} reached --max-lifetime {}; exiting", workerId, maxLifetime);
      }
    } finally {
      // Each step on its own: a failed close must not skip the last figures, and nothing may skip the
      // "stopped" line and the latch the shutdown hook waits on (a pod's stop is judged by that line).
      writer.shutdown();
      writer.awaitTermination(5, TimeUnit.SECONDS);
      quietly("closing the worker", host::close);
      quietly("writing the last figures", tick);
      quietly("closing " + files.intervals(), intervals::close);
      log.info("worker {} stopped", workerId);
      stopped.countDown();
    }
    return 0;
  }

  private void quietly(String step, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("worker {}: {} failed: {}", workerId, step, e.toString());
    }
  }

  /** Counts {@code stop} down when the parent process ends, so an orphaned worker drains and exits. */
  private void watchParent(CountDownLatch stop) {
    if (parentPid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      log.warn("worker {}: parent process {} is already gone; exiting", workerId, parentPid);
      stop.countDown();
      return;
    }
    parent.get().onExit().thenRun(() -> {
      log.warn("worker {}: parent process {} ended; exiting", workerId, parentPid);
      stop.countDown();
    });
  }

  /** This JVM's CPU, heap and GC figures. */
  static final class ProcessProbe {
    private final CompilerThreadsCpu compiler = new CompilerThreadsCpu();
    private final OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long heapMax;

    long compilerCpuMs() {
      return compiler.cpuMs();
    }

    long heapUsedNow() {
      return memory.getHeapMemoryUsage().getUsed();
    }

    long cpuMs() {
      return os.getProcessCpuTime() / 1_000_000;
    }

    synchronized WorkerMetricsSnapshot snapshot(String workerId, long cpuMs, long intervalsOffset,
        WorkerMetrics metrics) {
      heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
      long gcMs = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
      return WorkerMetricsSnapshot.of(workerId, ManagementFactory.getRuntimeMXBean().getUptime(), cpuMs, heapMax,
          gcMs, intervalsOffset, metrics);
    }
  }
}
