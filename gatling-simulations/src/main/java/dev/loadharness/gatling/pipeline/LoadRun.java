package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.DriverStubs;
import dev.loadharness.gatling.driver.WarmUp;
import dev.loadharness.gatling.gate.Judge;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.reports.run.RunSummary;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.spec.Calibration;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import dev.loadharness.scenarios.worker.UserWorkerCode;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One load run as a pipeline on a server that is already open:
 * plan -> workers -> warm-up -> {@link Injection} -> {@link Measurement} -> {@link Judge} -> one
 * {@link RunRecord} ({@link RecordAssembly}) -> report.html and summary.md rendered from it. Single runs,
 * the runtime comparison and later compositions call this; none reads back a file the run wrote.
 */
public final class LoadRun {
  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(90);

  private final PrintStream out;
  private final Optional<Calibration> calibration;

  public LoadRun(PrintStream out) {
    this(out, null);
  }

  /**
   * A run judged against {@code calibration} instead of the committed one (a calibration measured in the
   * same session, as the sensitivity test does); null for the committed one.
   */
  public LoadRun(PrintStream out, Calibration calibration) {
    this.out = out;
    this.calibration = Optional.ofNullable(calibration);
  }

  /** Where the run's lines go. */
  PrintStream out() {
    return out;
  }

  /** Runs {@code plan} on {@code server}; never throws for a failed environment, the record says {@code error}. */
  public RunOutcome execute(RunPlan plan, ServerEnvironment server) {
    ScenarioSpec spec = plan.spec();
    announce(plan, server);
    Optional<String> unsupported = server.whyUnsupported(spec.requires());
    if (unsupported.isPresent()) {
      return skipped(plan, "SKIPPED: " + spec.name() + " " + unsupported.get());
    }
    WorkflowServiceStubs stubs;
    try {
      stubs = DriverStubs.connect(server.connection(), System.getenv());
    } catch (IllegalArgumentException e) {
      return failed(plan, server, e.getMessage());
    }
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
      return measure(plan, server, client);
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      return failed(plan, server, e.getMessage());
    } catch (StatusRuntimeException e) {
      return failed(plan, server, "the server failed during the run: " + e.getStatus());
    } catch (io.temporal.client.WorkflowServiceException e) {
      // A start the server refused or did not answer in time (an overloaded server, in the warm-up too): an
      // environment error with a record, not an exception that ends a comparison's remaining rounds.
      return failed(plan, server, "the server did not accept a workflow start: " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The run's first lines: what runs, on which server, where its files go. */
  void announce(RunPlan plan, ServerEnvironment server) {
    ScenarioSpec spec = plan.spec();
    String workers = plan.externalWorkers() ? "the external worker fleet on task queue " + plan.taskQueue()
        : spec.workers().processes() + " worker process(es) " + spec.workers().runtime().id() + " "
            + spec.workers().workflowSlots() + "/" + spec.workers().activitySlots();
    out.println("scenario " + spec.name() + ": " + describe(spec.injection(), spec.workflows())
        + "; " + workers + "; run directory " + plan.runDir());
    out.println("server: " + server.kind().id() + " " + server.serverVersion() + " at " + server.target());
  }

  private RunOutcome measure(RunPlan plan, ServerEnvironment server, WorkflowClient client) {
    try (Scrapes scrapes = Scrapes.start(plan.spec(), server, System.getenv(), out);
        WorkerProcesses workers = startWorkers(plan, server)) {
      List<WorkerMetricsSnapshot> warmUpBaseline = warmUp(plan, client, workers);
      scrapes.measureFromNow();
      Injection.Result injection = Injection.run(plan, server, client, workers, out);
      return conclude(plan, server, client, workers, warmUpBaseline, injection, scrapes);
    }
  }

  /** The workers phase: the spec's worker JVMs on the plan's task queue, injected regressions applied. */
  WorkerProcesses startWorkers(RunPlan plan, ServerEnvironment server) {
    ScenarioSpec spec = plan.spec();
    if (spec.workers().isExternal()) {
      out.println("external workers: the harness starts none; driving task queue " + plan.taskQueue()
          + (spec.workers().external().get().metricsUrls().isEmpty()
              ? " (no metrics_urls: no worker metrics will be measured)" : ""));
      return WorkerProcesses.none();
    }
    if (plan.externalWorkers()) {
      out.println("workers: the external fleet polling task queue " + plan.taskQueue() + " (none started here; "
          + "without the spec's workers.metrics_urls their poll, schedule-to-start and sticky figures are not in "
          + "this record, so bars on them have no data)");
      return WorkerProcesses.none();
    }
    out.println("starting " + spec.workers().processes() + " worker JVM(s) on task queue " + (plan.taskQueues().size() == 1
        ? plan.taskQueue() : plan.taskQueues().size() + " task queues " + plan.taskQueues().get(0) + " .. "
            + plan.taskQueues().get(plan.taskQueues().size() - 1) + " (each process polls all)")
        + (plan.workerCode().revision().isPresent() ? ", worker code: " + plan.workerCode().label() : ""));
    if (spec.inject().any()) {
      out.println("INJECTED REGRESSION (a test of the gate, not a real run): " + spec.inject().describe());
    }
    UserWorkerCode code = UserWorkerCode.check(spec);
    if (code != UserWorkerCode.CATALOG) {
      out.println("workers register " + code.origin());
    }
    List<String> arguments = new java.util.ArrayList<>(spec.inject().workerArguments());
    arguments.addAll(code.workerArguments());
    // The worker takes a comma-separated list: one SDK worker per queue (the runtime's TEMPORAL_TASK_QUEUE form).
    return WorkerProcesses.start(spec.effectiveWorkers(), server.connection(), String.join(",", plan.taskQueues()),
        plan.runDir(),
        code.workerClasspath(plan.workerCode().classpath()), arguments);
  }

  /** The warm-up phase; returns the workers' snapshots after it, which the measurement subtracts. */
  List<WorkerMetricsSnapshot> warmUp(RunPlan plan, WorkflowClient client, WorkerProcesses workers) {
    ScenarioSpec spec = plan.spec();
    if (spec.warmUpWorkflows() == 0) {
      return List.of();
    }
    out.println("warm-up: " + spec.warmUpWorkflows() + " workflows before the measured load");
    WarmUp.run(client, plan.taskQueues(), plan.warmUpPrefix(), spec, WARM_UP_LIMIT);
    return workers.settledSnapshots();
  }

  /** Measurement, judge, one record, its files and the printed verdict, after the injection ended. */
  RunOutcome conclude(RunPlan plan, ServerEnvironment server, WorkflowClient client, WorkerProcesses workers,
      List<WorkerMetricsSnapshot> warmUpBaseline, Injection.Result injection, Scrapes scrapes) {
    return conclude(plan, server, client, workers, warmUpBaseline, injection, scrapes, List.of(), b -> { });
  }

  /**
   * As {@link #conclude(RunPlan, ServerEnvironment, WorkflowClient, WorkerProcesses, List, Injection.Result, Scrapes)},
   * with bars a composition adds after the judge's and its own fields on the record (a distributed run's
   * segments).
   */
  RunOutcome conclude(RunPlan plan, ServerEnvironment server, WorkflowClient client, WorkerProcesses workers,
      List<WorkerMetricsSnapshot> warmUpBaseline, Injection.Result injection, Scrapes scrapes,
      List<Threshold> extraBars, java.util.function.Consumer<RunRecord.Builder> extraFields) {
    ScenarioSpec spec = plan.spec();
    Measurement.Result measured = Measurement.run(plan, server, client, workers, warmUpBaseline, injection, scrapes);
    List<Threshold> thresholds = new java.util.ArrayList<>(Judge.thresholds(spec, measured.measurements(),
        measured.visibility(), calibration(spec, server)));
    thresholds.addAll(extraBars);
    RunRecord.Builder assembled = RecordAssembly.measured(plan, server, injection, measured, thresholds).toBuilder();
    extraFields.accept(assembled);
    RunRecord record = assembled.build();
    if (injection.aborted().isPresent()) {
      // Measured until the abort, but not a verdict on the workload: an environment error or a signal.
      record = record.toBuilder().verdict(Signals.received().isPresent() ? Verdict.INTERRUPTED : Verdict.ERROR)
          .error("run stopped early: " + injection.aborted().get() + "; " + record.load().unaccounted()
              + " in-flight workflow(s) unaccounted").build();
    }
    RecordAssembly.write(plan.runDir(), record);
    printVerdict(record, plan);
    return RunOutcome.of(record, plan.runDir());
  }

  /**
   * The committed calibration of this scenario on this server kind, when it was measured on a machine of
   * this class (same CPU count); calibrated limits do not transfer between machine classes.
   */
  private Optional<Calibration> calibration(ScenarioSpec spec, ServerEnvironment server) {
    if (calibration.isPresent()) {
      return calibration;
    }
    Optional<Calibration> c = Calibration.load(spec.name(), server.kind().id());
    int cpus = Runtime.getRuntime().availableProcessors();
    if (c.isPresent() && c.get().cpus() != cpus) {
      out.println("calibration of " + spec.name() + " on " + server.kind().id() + " was measured on " + c.get().cpus()
          + " CPUs, this machine has " + cpus + ": calibrated bars not applied (run scripts/calibrate here)");
      return Optional.empty();
    }
    return c;
  }

  /** An environment failure: the record is still written, with verdict {@code error} and the cause. */
  RunOutcome failed(RunPlan plan, ServerEnvironment server, String cause) {
    return failed(plan, RecordAssembly.base(plan, server), cause);
  }

  /**
   * The server of {@code serverKind} could not be opened: the record is still written, verdict {@code error}.
   */
  public RunOutcome serverFailed(RunPlan plan, String serverKind, String cause) {
    return failed(plan, RecordAssembly.base(plan, serverKind, "unknown"), cause);
  }

  private RunOutcome failed(RunPlan plan, RunRecord.Builder base, String cause) {
    out.println("ERROR: " + cause);
    RunRecord record = base
        .load(LoadSummary.of(0, 0, 0, 0, 0, 0))
        .verdict(Signals.received().isPresent() ? Verdict.INTERRUPTED : Verdict.ERROR)
        .error(cause)
        .build();
    RecordAssembly.write(plan.runDir(), record);
    return RunOutcome.of(record, plan.runDir());
  }

  RunOutcome skipped(RunPlan plan, String reason) {
    out.println(reason);
    try {
      Files.writeString(plan.runDir().resolve(RunSummary.FILE_NAME), "# " + plan.spec().name() + "\n\n" + reason + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunOutcome(RunOutcome.PASS, null, plan.runDir(), reason);
  }

  private static String describe(dev.loadharness.scenarios.spec.Injection injection, int workflows) {
    return switch (injection.model()) {
      case CLOSED -> "closed model, " + injection.concurrency() + " in flight for " + injection.duration().toSeconds() + " s";
      case CONSTANT_RATE -> workflows + " workflows at " + injection.rate() + "/s";
      case EBB_AND_FLOW -> workflows + " workflows, the rate ebbing and flowing " + injection.wave().orElseThrow().low()
          + " .. " + injection.wave().orElseThrow().high() + "/s every " + injection.wave().orElseThrow().period()
          .toSeconds() + " s for " + injection.duration().toSeconds() + " s";
      case BACKLOG -> "backlog model, " + (int) injection.wave().orElseThrow().low() + " .. "
          + (int) injection.wave().orElseThrow().high() + " in flight every " + injection.wave().orElseThrow().period()
          .toSeconds() + " s for " + injection.duration().toSeconds() + " s";
      default -> workflows + " workflows, " + injection.model().id();
    };
  }

  private void printVerdict(RunRecord record, RunPlan plan) {
    LoadSummary c = record.load();
    out.println();
    if (record.error() != null) {
      out.println("ERROR: " + record.error());
    }
    out.printf(Locale.ROOT, "%s: %s  (started %d, completed %d, failed %d, timed out %d, unaccounted %d; %.1f wf/s; "
            + "driver CPU %.1f%% of one core)%n", record.scenario(), record.verdict().json().toUpperCase(Locale.ROOT),
        c.started(), c.completed(), c.failed(), c.timedOut(), c.unaccounted(), c.throughputWps(),
        record.driver() == null ? 0 : record.driver().percentOfOneCore());
    record.thresholds().forEach(t -> out.println("  " + t.line()));
    if (record.saturation() != null) {
      out.println("saturation: " + record.saturation().line());
    }
    record.events().forEach(e -> out.printf(Locale.ROOT, "  event at %.1f s: %s %s (%s)%n", e.atS(), e.kind(),
        e.subject(), e.detail()));
    out.println("report: " + plan.runDir().resolve(RunReport.FILE_NAME));
    out.println("summary: " + plan.runDir().resolve(RunSummary.FILE_NAME));
    out.println("run record: " + plan.runDir().resolve("run.json"));
  }
}
