package dev.loadharness.gatling.pipeline;

import com.sun.management.OperatingSystemMXBean;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.runtime.metrics.ServerBacklogProbe;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The driver's side of the run's time series, one sample per tick: throughput, in flight, end-to-end p95
 * of the interval and, where the server answers DescribeTaskQueue, the task queue's backlog. Each tick
 * also prints the progress line.
 */
final class DriverSeries {
  private final RunLedger ledger;
  private final PrintStream out;
  private final Optional<Backlog> backlog;
  private final List<Double> elapsed = new ArrayList<>();
  private final List<Long> wallMs = new ArrayList<>();
  private final List<Long> completed = new ArrayList<>();
  private final Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
  private final Optional<ProcessHandle> server;
  private final dev.loadharness.scenarios.spec.Injection injection;
  private final Optional<SeriesColumn> offered;
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long lastCompleted;
  private double lastElapsed;
  private long lastDriverCpuNs;
  private long lastServerCpuNs;
  private MachineCpu.Sample lastMachine;

  /** Where to ask for the server backlog: the run's task queues, summed. */
  record Backlog(WorkflowServiceStubs stubs, String namespace, List<String> taskQueues) {
    Backlog {
      taskQueues = List.copyOf(taskQueues);
    }

    Double read() {
      try {
        long total = 0;
        for (String taskQueue : taskQueues) {
          total += ServerBacklogProbe.approximateBacklog(stubs, namespace, taskQueue,
              TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
              + ServerBacklogProbe.approximateBacklog(stubs, namespace, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);
        }
        return (double) total;
      } catch (RuntimeException e) {
        return null; // a gap in the chart: the server did not answer this tick
      }
    }
  }

  /**
   * A series of the run in {@code ledger}.
   *
   * @param server the server's process when it runs on this machine as our child, to sample its CPU
   */
  DriverSeries(RunLedger ledger, PrintStream out, Optional<Backlog> backlog, Optional<ProcessHandle> server,
      dev.loadharness.scenarios.spec.Injection injection) {
    this.ledger = ledger;
    this.injection = injection;
    this.offered = offeredColumn(injection);
    offered.ifPresent(c -> columns.put(c, new ArrayList<>()));
    this.out = out;
    this.backlog = backlog;
    this.server = server;
    for (SeriesColumn c : List.of(SeriesColumn.THROUGHPUT_WPS, SeriesColumn.IN_FLIGHT, SeriesColumn.END_TO_END_P95_MS,
        SeriesColumn.DRIVER_CPU_PERCENT, SeriesColumn.MACHINE_CPU_PERCENT)) {
      columns.put(c, new ArrayList<>());
    }
    backlog.ifPresent(b -> columns.put(SeriesColumn.SERVER_BACKLOG, new ArrayList<>()));
    server.ifPresent(s -> columns.put(SeriesColumn.SERVER_CPU_PERCENT, new ArrayList<>()));
    lastDriverCpuNs = os.getProcessCpuTime();
    lastServerCpuNs = server.map(DriverSeries::cpuNanos).orElse(-1L);
    lastMachine = MachineCpu.read();
  }

  /**
   * A process's CPU time (user + system), ns; -1 when the OS does not say. On Linux the JDK reads it from
   * /proc/&lt;pid&gt;/stat (utime + stime), scaled by the clock tick the kernel reports.
   */
  static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** CPU between two samples over {@code span} seconds, percent of one core; null when either is unknown. */
  static Double percentOfOneCore(long beforeNs, long afterNs, double span) {
    return beforeNs < 0 || afterNs < 0 ? null : Math.max(0, 100.0 * (afterNs - beforeNs) / 1e9 / span);
  }

  /** The column the injection's offered profile goes into: a wave's rate or in-flight target; none for the rest. */
  static Optional<SeriesColumn> offeredColumn(dev.loadharness.scenarios.spec.Injection injection) {
    return switch (injection.model()) {
      case EBB_AND_FLOW -> Optional.of(SeriesColumn.OFFERED_RATE);
      case BACKLOG -> Optional.of(SeriesColumn.BACKLOG_TARGET);
      default -> Optional.empty();
    };
  }

  /** What the injection offered {@code seconds} after its first start: the wave's value then. */
  static double offeredAt(dev.loadharness.scenarios.spec.Injection injection, double seconds) {
    return injection.wave().orElseThrow().at(seconds, injection.duration());
  }

  synchronized void tick() {
    RunLedger.Counts c = ledger.counts();
    double now = (System.nanoTime() - ledger.startNanos()) / 1e9;
    Histogram interval = ledger.endToEndInterval();
    Double intervalP95 = interval.getTotalCount() == 0 ? null : interval.getValueAtPercentile(95) / 1000.0;
    double span = Math.max(1e-3, now - lastElapsed);
    elapsed.add(now);
    wallMs.add(System.currentTimeMillis());
    completed.add(c.completed());
    columns.get(SeriesColumn.THROUGHPUT_WPS).add((c.completed() - lastCompleted) / span);
    columns.get(SeriesColumn.IN_FLIGHT).add((double) c.inFlight());
    columns.get(SeriesColumn.END_TO_END_P95_MS).add(intervalP95);
    backlog.ifPresent(b -> columns.get(SeriesColumn.SERVER_BACKLOG).add(b.read()));
    // Gatling's injection begins with the first start, so the wave's clock starts there.
    offered.ifPresent(col -> columns.get(col).add(offeredAt(injection,
        c.started() == 0 ? 0 : (System.nanoTime() - ledger.firstStartNanos()) / 1e9)));
    long driverCpu = os.getProcessCpuTime();
    columns.get(SeriesColumn.DRIVER_CPU_PERCENT).add(percentOfOneCore(lastDriverCpuNs, driverCpu, span));
    lastDriverCpuNs = driverCpu;
    MachineCpu.Sample machine = MachineCpu.read();
    columns.get(SeriesColumn.MACHINE_CPU_PERCENT).add(machine == null || lastMachine == null ? null
        : machine.percentOfOneCoreSince(lastMachine, Runtime.getRuntime().availableProcessors()));
    lastMachine = machine;
    server.ifPresent(s -> {
      long serverCpu = cpuNanos(s);
      columns.get(SeriesColumn.SERVER_CPU_PERCENT).add(percentOfOneCore(lastServerCpuNs, serverCpu, span));
      lastServerCpuNs = serverCpu;
    });
    lastCompleted = c.completed();
    lastElapsed = now;
    out.printf(Locale.ROOT, "[%6.1fs] started %5d  completed %5d  failed %3d  timed out %3d  in flight %5d  "
        + "e2e p95 %s%n", now, c.started(), c.completed(), c.failed(), c.timedOut(), c.inFlight(),
        intervalP95 == null ? "-" : String.format(Locale.ROOT, "%.0f ms", intervalP95));
    out.flush();
  }

  /** The ticks so far, as values. */
  synchronized Samples samples() {
    Map<SeriesColumn, List<Double>> copy = new EnumMap<>(SeriesColumn.class);
    columns.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    return new Samples(intervalS(elapsed), elapsed, wallMs, completed, copy);
  }

  /** Mean seconds between ticks. */
  private static double intervalS(List<Double> elapsed) {
    if (elapsed.size() < 2) {
      return elapsed.isEmpty() ? 1.0 : Math.max(0.001, elapsed.get(0));
    }
    return Math.max(0.001, (elapsed.get(elapsed.size() - 1) - elapsed.get(0)) / (elapsed.size() - 1));
  }

  /**
   * The driver's series as values: one driver's ticks, or several segments' merged onto one wall-clock grid.
   *
   * @param intervalS mean seconds between ticks
   * @param elapsed seconds since the ledger started, one entry per tick
   * @param wallMs wall-clock time of each tick, to line the workers' own per-second samples up with it
   * @param completed completed workflows so far at each tick (cumulative)
   * @param columns the driver's columns, each as long as {@code elapsed}
   */
  record Samples(double intervalS, List<Double> elapsed, List<Long> wallMs, List<Long> completed,
      Map<SeriesColumn, List<Double>> columns) {
    Samples {
      elapsed = List.copyOf(elapsed);
      wallMs = List.copyOf(wallMs);
      completed = List.copyOf(completed);
      Map<SeriesColumn, List<Double>> copy = new EnumMap<>(SeriesColumn.class);
      for (Map.Entry<SeriesColumn, List<Double>> e : columns.entrySet()) {
        if (e.getValue().size() != elapsed.size()) {
          throw new IllegalArgumentException("series column " + e.getKey().id() + " has " + e.getValue().size()
              + " entries for " + elapsed.size() + " ticks");
        }
        copy.put(e.getKey(), java.util.Collections.unmodifiableList(new ArrayList<>(e.getValue())));
      }
      columns = java.util.Collections.unmodifiableMap(copy);
    }
  }
}
