package dev.loadharness.gatling.pipeline;

import com.sun.management.OperatingSystemMXBean;
import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.driver.Segment;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.reports.record.DriverUse;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.scenarios.server.ServerCapability;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerKind;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The injection phase: drives the spec's workload through Gatling ({@link GatlingSeam}) while sampling the
 * driver's series every tick, and carries out the scenario's planned faults (kill a worker after a delay).
 */
final class Injection {
  /** A server that has not answered for this long is gone: the run stops injecting and ends as an error. */
  static final Duration SERVER_GONE_AFTER = Duration.ofSeconds(10);

  private Injection() {}

  /**
   * What the injection phase produced.
   *
   * @param totals every workflow's outcome and the client-side latencies
   * @param series the driver's per-tick samples
   * @param driver CPU the driver JVM spent
   * @param events planned faults carried out, the server lost, a signal
   * @param aborted why injection stopped early (server gone, signal), empty when it ran to its end
   */
  record Result(RunLedger.Totals totals, DriverSeries.Samples series, DriverUse driver, List<RunEvent> events,
      Optional<String> aborted) {}

  private static void abort(LoadDriver driver, RunPlan plan, List<RunEvent> events, String kind, String reason) {
    if (!driver.isAborted()) {
      driver.abort(reason);
      events.add(new RunEvent(plan.secondsSinceStart(System.currentTimeMillis()), kind, "run", reason));
    }
  }

  static Result run(RunPlan plan, ServerEnvironment server, WorkflowClient client, WorkerProcesses workers,
      PrintStream out) {
    return run(plan, Segment.WHOLE, server, client, Optional.of(workers), out, true, driver -> { });
  }

  /**
   * Drives {@code segment} of the plan's load; the planned faults need {@code workers} (a distributed run's
   * drivers have none: its coordinator carries them out). {@code gatlingReports}: whether Gatling writes its
   * HTML report (a segment's driver skips it, its numbers go into the merged record). {@code started} is
   * given the driver before Gatling starts (a segment's heartbeat watches it).
   */
  static Result run(RunPlan plan, Segment segment, ServerEnvironment server, WorkflowClient client,
      Optional<WorkerProcesses> workers, PrintStream out, boolean gatlingReports,
      java.util.function.Consumer<LoadDriver> started) {
    try (Running running = begin(plan, segment, server, client, workers, out)) {
      started.accept(running.driver());
      // A signal that came before injection began: nothing to drive (Gatling refuses a run without requests).
      int status = 0;
      try {
        if (!running.driver().isAborted()) {
          status = GatlingSeam.run(running.driver(), plan.runDir().resolve("gatling"), plan.spec().name(),
              gatlingReports);
        }
      } catch (IllegalStateException e) {
        if (!running.driver().isAborted()) {
          throw e;
        }
        // Stopped early: Gatling may refuse to report a run it was told to stop; the ledger has what happened.
      }
      return running.end(status);
    }
  }

  /**
   * Starts everything around Gatling's part of the injection: the driver, the per-tick series, the server
   * watch, the signal handler and the planned faults. Whoever runs Gatling calls {@link Running#end} after it.
   */
  static Running begin(RunPlan plan, ServerEnvironment server, WorkflowClient client, WorkerProcesses workers,
      PrintStream out) {
    return begin(plan, Segment.WHOLE, server, client, Optional.of(workers), out);
  }

  private static Running begin(RunPlan plan, Segment segment, ServerEnvironment server, WorkflowClient client,
      Optional<WorkerProcesses> workers, PrintStream out) {
    ScenarioSpec load = segment.of(plan.spec());
    int callThreads = Math.max(4, Math.min(32, load.injection().model() == dev.loadharness.scenarios.spec.Injection.Model.CLOSED
        ? load.injection().concurrency()
        : load.injection().model() == dev.loadharness.scenarios.spec.Injection.Model.BACKLOG
            ? (int) load.injection().wave().orElseThrow().high() : load.workflows()));
    return new Running(plan, server, client, workers, out,
        new LoadDriver(client, plan.taskQueues(), plan.idPrefix(), plan.spec(), segment, 42L, callThreads));
  }

  /**
   * Schedules the scenario's planned fault on {@code timers}: SIGKILL to worker-1 after the spec's delay, an
   * event in {@code events}. The single run's injection and a distributed run's coordinator both carry it out.
   */
  static void schedulePlannedFaults(RunPlan plan, WorkerProcesses workers, ScheduledExecutorService timers,
      List<RunEvent> events, PrintStream out) {
    plan.spec().workers().killOneAfter().ifPresent(after -> timers.schedule(() -> {
      long pid = workers.pid(0).orElse(-1L);
      out.println("killing worker-1 (pid " + pid + ") with SIGKILL, as the scenario plans");
      workers.kill(0);
      events.add(new RunEvent(plan.secondsSinceStart(System.currentTimeMillis()), RunEvent.WORKER_KILLED,
          "worker-1", "SIGKILL by the scenario (pid " + pid + ")"));
    }, after.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The injection while Gatling drives it; {@link #end} ends it, {@link #close} releases what it holds. */
  static final class Running implements AutoCloseable {
    private final RunPlan plan;
    private final ServerEnvironment server;
    private final LoadDriver driver;
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "load-ticks");
      t.setDaemon(true);
      return t;
    });
    private final Signals.Registration signals;
    private final DriverSeries series;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long cpuBefore;
    private final long wallBefore;

    private Running(RunPlan plan, ServerEnvironment server, WorkflowClient client, Optional<WorkerProcesses> workers,
        PrintStream out, LoadDriver driver) {
      this.plan = plan;
      this.server = server;
      this.driver = driver;
      this.signals = Signals.whileRunning(reason -> abort(driver, plan, events, "interrupted", reason));
      Optional<DriverSeries.Backlog> backlog = server.capabilities().contains(ServerCapability.DESCRIBE_TASK_QUEUE)
          ? Optional.of(new DriverSeries.Backlog(client.getWorkflowServiceStubs(), server.namespace(), plan.taskQueues()))
          : Optional.empty();
      series = new DriverSeries(driver.ledger(), out, backlog, server.process(), driver.segmentSpec().injection());
      long every = plan.progressEvery().toMillis();
      timers.scheduleAtFixedRate(series::tick, every, every, TimeUnit.MILLISECONDS);
      ServerWatch watch = new ServerWatch(client.getWorkflowServiceStubs(), SERVER_GONE_AFTER);
      timers.scheduleWithFixedDelay(() -> watch.check().ifPresent(
          reason -> abort(driver, plan, events, "server_unreachable", reason)), 1, 1, TimeUnit.SECONDS);
      workers.ifPresent(w -> schedulePlannedFaults(plan, w, timers, events, out));
      cpuBefore = os.getProcessCpuTime();
      wallBefore = System.nanoTime();
    }

    /** The driver Gatling's simulation drives with. */
    LoadDriver driver() {
      return driver;
    }

    /** Ends the injection after Gatling returned {@code gatlingStatus} (0 when the caller cannot know it). */
    Result end(int gatlingStatus) {
      DriverUse use = new DriverUse((os.getProcessCpuTime() - cpuBefore) / 1e6, (System.nanoTime() - wallBefore) / 1e6,
          Runtime.getRuntime().availableProcessors(), server.kind() == ServerKind.IN_MEMORY);
      timers.shutdownNow();
      series.tick();
      if (gatlingStatus != 0 && !driver.isAborted()) {
        throw new IllegalStateException("Gatling exited with status " + gatlingStatus + "; see "
            + plan.runDir().resolve("gatling"));
      }
      return new Result(driver.ledger().totals(), series.samples(), use, List.copyOf(events), driver.abortReason());
    }

    @Override
    public void close() {
      timers.shutdownNow();
      try {
        signals.close();
      } finally {
        driver.close();
      }
    }
  }
}
