package dev.loadharness.gatling.runner;

import com.sun.management.OperatingSystemMXBean;
import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.driver.WarmUp;
import dev.loadharness.gatling.gate.Check;
import dev.loadharness.gatling.gate.Gate;
import dev.loadharness.gatling.gate.Measurements;
import dev.loadharness.gatling.gate.VisibilityCheck;
import dev.loadharness.gatling.simulation.TemporalLoadSimulation;
import dev.loadharness.scenarios.server.ServerCapability;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.ServerKind;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.SpecException;
import dev.loadharness.scenarios.worker.WorkerMetrics;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.gatling.app.Gatling$;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs one scenario end to end: validate the spec, start or attach the server, launch worker JVMs, drive
 * the load with Gatling in this JVM, stop the workers so they flush metrics, judge, and write the run
 * directory. Returns exit code 0 (pass), 1 (a bar breached) or 2 (bad input or a broken environment).
 */
public final class LoadRunner {
  /** Run directories are named {@code <this stamp>-<name>}; the comparison names its directory alike. */
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final PrintStream out;

  public LoadRunner(PrintStream out) {
    this.out = out;
  }

  /** Runs {@code options}; never throws for bad input or a failed environment, it returns exit code 2. */
  public RunOutcome run(RunOptions options) {
    ScenarioSpec spec;
    try {
      spec = loadSpec(options);
    } catch (SpecException e) {
      out.println(e.getMessage());
      return new RunOutcome(RunOutcome.ERROR, List.of(), null, e.getMessage());
    }
    Instant startedAt = Instant.now();
    Path runDir;
    try {
      runDir = createRunDir(options.out(), startedAt, spec.name());
    } catch (IOException e) {
      return error(null, "cannot create run directory under " + options.out().toAbsolutePath() + ": " + e.getMessage());
    }
    announce(spec, runDir);
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    ServerSettings settings;
    try {
      settings = serverSettings(environments.settings(), options, spec);
    } catch (IllegalArgumentException e) {
      return error(runDir, e.getMessage());
    }
    try (ServerEnvironment server = environments.open(settings, runDir.resolve("server"))) {
      return onServer(spec, server, runDir, startedAt, options);
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      return error(runDir, e.getMessage());
    }
  }

  /** The scenario {@code options} name, with the --workers override applied. */
  static ScenarioSpec loadSpec(RunOptions options) {
    ScenarioSpec spec = ScenarioSpecs.load(options.scenario());
    return options.workers().isPresent() ? spec.withWorkerProcesses(options.workers().get()) : spec;
  }

  /**
   * Runs {@code spec} against a server that is already open (so several runs can share one), in a new run
   * directory {@code <timestamp>-<scenario>-<label>} under {@code options.out()}.
   */
  public RunOutcome runOn(ScenarioSpec spec, ServerEnvironment server, RunOptions options, String label) {
    Instant startedAt = Instant.now();
    Path runDir;
    try {
      runDir = createRunDir(options.out(), startedAt, spec.name() + "-" + label);
    } catch (IOException e) {
      return error(null, "cannot create run directory under " + options.out().toAbsolutePath() + ": " + e.getMessage());
    }
    announce(spec, runDir);
    return onServer(spec, server, runDir, startedAt, options);
  }

  private static Path createRunDir(Path runs, Instant startedAt, String name) throws IOException {
    Path runDir = runs.toAbsolutePath().resolve(STAMP.format(startedAt) + "-" + name);
    Files.createDirectories(runDir);
    return runDir;
  }

  private void announce(ScenarioSpec spec, Path runDir) {
    out.println("scenario " + spec.name() + ": " + spec.workflows() + " workflows, " + spec.injection().model().id()
        + ", " + spec.workers().processes() + " worker process(es) " + spec.workers().runtime().id() + " "
        + spec.workers().workflowSlots() + "/" + spec.workers().activitySlots() + "; run directory " + runDir);
  }

  private RunOutcome onServer(ScenarioSpec spec, ServerEnvironment server, Path runDir, Instant startedAt,
      RunOptions options) {
    out.println("server: " + server.kind().id() + " " + server.serverVersion() + " at " + server.target());
    try {
      // ServerEnvironment.whyUnsupported throws for an empty set (removeAll on Set.of()), so ask only when needed.
      Optional<String> unsupported =
          spec.requires().isEmpty() ? Optional.empty() : server.whyUnsupported(spec.requires());
      if (unsupported.isPresent()) {
        String reason = "SKIPPED: " + spec.name() + " " + unsupported.get();
        out.println(reason);
        Files.writeString(runDir.resolve("summary.md"), "# " + spec.name() + "\n\n" + reason + "\n");
        return new RunOutcome(RunOutcome.PASS, List.of(), runDir, reason);
      }
      return drive(spec, server, runDir, startedAt, options);
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      return error(runDir, e.getMessage());
    } catch (IOException e) {
      return error(runDir, e.toString());
    }
  }

  static ServerSettings serverSettings(ServerSettings base, RunOptions options, ScenarioSpec spec) {
    if (options.server().isPresent()) {
      return base.withRequested(options.server().get(), "--server");
    }
    if (base.requested().equalsIgnoreCase(ServerKind.AUTO) && !spec.server().equals(ServerKind.AUTO)) {
      return base.withRequested(spec.server(), "scenario " + spec.name() + " (server)");
    }
    return base;
  }

  private RunOutcome drive(ScenarioSpec spec, ServerEnvironment server, Path runDir, Instant startedAt,
      RunOptions options) throws IOException {
    String runId = runDir.getFileName().toString();
    String taskQueue = "load-" + runId;
    String idPrefix = runId + "-wf-";
    out.println("starting " + spec.workers().processes() + " worker JVM(s) on task queue " + taskQueue);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "load-runner");
      t.setDaemon(true);
      return t;
    });
    try (WorkerProcesses workers = WorkerProcesses.start(spec.workers(), server.target(), server.namespace(),
        taskQueue, runDir)) {
      WorkflowClient client = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
      List<WorkerMetricsSnapshot> baseline = List.of();
      if (spec.warmUpWorkflows() > 0) {
        out.println("warm-up: " + spec.warmUpWorkflows() + " workflows before the measured load");
        WarmUp.run(client, taskQueue, runId + "-warmup-", spec, Duration.ofSeconds(90));
        baseline = workers.settledSnapshots();
      }
      int callThreads = Math.max(4, Math.min(32, spec.workflows()));
      try (LoadDriver driver = new LoadDriver(client, taskQueue, idPrefix, spec, 42L, callThreads)) {
        LoadDriver.install(driver);
        Progress progress = new Progress(driver.ledger(), out);
        long every = options.progressEvery().toMillis();
        timers.scheduleAtFixedRate(progress::tick, every, every, TimeUnit.MILLISECONDS);
        spec.workers().killOneAfter().ifPresent(after -> timers.schedule(() -> {
          out.println("killing worker-1 (pid " + workers.pid(0).orElse(-1L) + ") with SIGKILL");
          workers.kill(0);
        }, after.toMillis(), TimeUnit.MILLISECONDS));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        int gatling;
        try {
          gatling = Gatling$.MODULE$.fromArgs(new String[] {
              "-s", TemporalLoadSimulation.class.getName(),
              "-rf", runDir.resolve("gatling").toString(),
              "-rd", spec.name()});
        } catch (RuntimeException e) {
          return error(runDir, "Gatling crashed: " + e + (e.toString().contains("does not open java.lang")
              ? " (start the JVM with --add-opens=java.base/java.lang=ALL-UNNAMED, as scripts/load does)" : ""));
        }
        DriverCpu driverCpu = new DriverCpu((os.getProcessCpuTime() - cpuBefore) / 1e6,
            (System.nanoTime() - wallBefore) / 1e6, Runtime.getRuntime().availableProcessors());
        timers.shutdownNow();
        progress.tick();
        if (gatling != 0) {
          return error(runDir, "Gatling exited with status " + gatling + "; see " + runDir.resolve("gatling"));
        }
        RunLedger.Counts counts = driver.ledger().counts();
        Optional<VisibilityCheck.Result> visibility = server.capabilities().contains(ServerCapability.VISIBILITY_COUNT)
            ? Optional.of(VisibilityCheck.run(client, idPrefix, counts))
            : Optional.empty();
        workers.close();
        List<WorkerMetricsSnapshot> snapshots = workers.snapshots();
        Measurements m = measurements(driver.ledger(), counts, WorkerMetricsSnapshot.minus(snapshots, baseline));
        List<Check> checks = Gate.evaluate(spec, m, visibility);
        RunArtifacts.write(new RunArtifacts.Inputs(runDir, spec, server, startedAt, m, checks, snapshots,
            driver.ledger().failureCauses(), progress, driverCpu, visibility));
        return report(spec, runDir, checks, m, driverCpu);
      }
    } finally {
      timers.shutdownNow();
      stubs.shutdownNow();
    }
  }

  static Measurements measurements(RunLedger ledger, RunLedger.Counts counts, List<WorkerMetricsSnapshot> workers) {
    Histogram poll = merged(workers, WorkerMetrics.POLL_LATENCY);
    Histogram wft = merged(workers, WorkerMetrics.WORKFLOW_SCHEDULE_TO_START);
    Histogram act = merged(workers, WorkerMetrics.ACTIVITY_SCHEDULE_TO_START);
    long hits = workers.stream().mapToLong(w -> w.counter(WorkerMetrics.STICKY_HIT)).sum();
    long misses = workers.stream().mapToLong(w -> w.counter(WorkerMetrics.STICKY_MISS)).sum();
    return new Measurements(counts, ledger.startLatencies(), ledger.endToEndLatencies(), poll, wft, act, hits, misses);
  }

  private static Histogram merged(List<WorkerMetricsSnapshot> workers, String name) {
    Histogram total = new Histogram(3);
    workers.forEach(w -> total.add(w.histogram(name)));
    return total;
  }

  private RunOutcome report(ScenarioSpec spec, Path runDir, List<Check> checks, Measurements m, DriverCpu cpu) {
    boolean pass = Gate.passed(checks);
    RunLedger.Counts c = m.counts();
    out.println();
    out.printf("%s: %s  (started %d, completed %d, failed %d, timed out %d, unaccounted %d; %.1f wf/s; "
            + "driver CPU %.1f%% of one core)%n", spec.name(), pass ? "PASS" : "FAIL", c.started(), c.completed(),
        c.failed(), c.timedOut(), c.unaccounted(), m.throughput(), cpu.percentOfOneCore());
    checks.forEach(check -> out.println("  " + check.line()));
    out.println("report: " + runDir.resolve("report.html"));
    out.println("summary: " + runDir.resolve("summary.md"));
    out.println("run record: " + runDir.resolve("run.json"));
    return new RunOutcome(pass ? RunOutcome.PASS : RunOutcome.BREACH, checks, runDir, "");
  }

  private RunOutcome error(Path runDir, String message) {
    out.println("ERROR: " + message);
    if (runDir != null) {
      try {
        Files.writeString(runDir.resolve("summary.md"), "# Run failed to run\n\n" + message + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new RunOutcome(RunOutcome.ERROR, List.of(), runDir, message);
  }

  /**
   * CPU the driver JVM used during the load phase.
   *
   * @param cpuMs process CPU time, ms
   * @param wallMs wall time of the load phase, ms
   */
  record DriverCpu(double cpuMs, double wallMs, int cpus) {

    /** CPU used as a share of one core over the load phase. */
    double percentOfOneCore() {
      return wallMs <= 0 ? 0 : 100.0 * cpuMs / wallMs;
    }
  }
}
