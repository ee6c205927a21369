package dev.loadharness.scenarios.worker;

import com.sun.management.OperatingSystemMXBean;
import dev.loadharness.scenarios.spec.WorkerSettings;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * (SIGTERM) it appends to {@code <dir>/intervals.hlog} and {@code <dir>/metrics.jsonl} and rewrites
 * {@code <dir>/metrics.json} (totals); it writes a {@code ready} file once polling.
 * It exits by itself after {@code --max-lifetime}, so a runner that died never leaves it behind.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Runs one load-harness worker process.")
public final class WorkerMain implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  @Option(names = "--worker-id", required = true) String workerId;
  @Option(names = "--target", required = true, description = "host:port of the Temporal frontend") String target;
  @Option(names = "--namespace", defaultValue = "default") String namespace;
  @Option(names = "--task-queue", required = true) String taskQueue;
  @Option(names = "--dir", required = true, description = "this worker's directory in the run directory") Path dir;
  @Option(names = "--runtime", defaultValue = "fixed") String runtime;
  @Option(names = "--workflow-slots", defaultValue = "10") int workflowSlots;
  @Option(names = "--activity-slots", defaultValue = "14") int activitySlots;
  @Option(names = "--workflow-pollers", defaultValue = "5") int workflowPollers;
  @Option(names = "--activity-pollers", defaultValue = "5") int activityPollers;
  @Option(names = "--cache-size", defaultValue = "600") int cacheSize;
  @Option(names = "--max-lifetime", defaultValue = "PT30M", description = "ISO-8601 duration") Duration maxLifetime;

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
    WorkerMetrics metrics = new WorkerMetrics();
    WorkerConfig config = new WorkerConfig(workerId, target, namespace, taskQueue, settings, dir);
    WorkerHost host = mode == WorkerSettings.RuntimeMode.ADAPTIVE
        ? new AdaptiveWorkerHost(config, metrics)
        : new SdkWorkerHost(config, metrics);
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
    ProcessProbe probe = new ProcessProbe();
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    IntervalFiles intervals = new IntervalFiles(dir);
    Runnable tick = () -> {
      intervals.append(metrics.drainInterval(), metrics, System.currentTimeMillis());
      probe.snapshot(workerId, metrics).write(dir.resolve(WorkerMetricsSnapshot.FILE));
    };
    try {
      host.start();
      writer.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
      Files.writeString(dir.resolve("ready"), ProcessHandle.current().pid() + "\n");
      log.info("worker {} polling {} on {} ({})", workerId, taskQueue, target, settings);
      if (!stop.await(maxLifetime.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("worker {} reached --max-lifetime {}; exiting", workerId, maxLifetime);
      }
    } finally {
      writer.shutdown();
      writer.awaitTermination(5, TimeUnit.SECONDS);
      host.close();
      tick.run();
      intervals.close();
      log.info("worker {} stopped", workerId);
      stopped.countDown();
    }
    return 0;
  }

  /** This JVM's CPU, heap and GC figures. */
  static final class ProcessProbe {
    private final OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long heapMax;

    synchronized WorkerMetricsSnapshot snapshot(String workerId, WorkerMetrics metrics) {
      heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
      long gcMs = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
      return WorkerMetricsSnapshot.of(workerId, ManagementFactory.getRuntimeMXBean().getUptime(),
          os.getProcessCpuTime() / 1_000_000, heapMax, gcMs, metrics);
    }
  }
}
