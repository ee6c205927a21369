package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.DriverStubs;
import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A load run whose injection Gatling's own runner drives (the Maven plugin's {@code gatling:test}), not
 * {@link GatlingSeam}: {@link #open} does the phases before injection (plan, server, workers, warm-up) and
 * installs the {@link LoadDriver}; {@link #finish} does the ones after it (measurement, judge, record,
 * rendering) with the same {@link LoadRun} and {@link Injection} code a {@code scripts/load} run uses.
 */
public final class HostedRun implements AutoCloseable {
  private final RunPlan plan;
  private final LoadRun loadRun;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private ServerEnvironment server;
  private WorkflowClient client;
  private WorkerProcesses workers;
  private Scrapes scrapes;
  private List<WorkerMetricsSnapshot> warmUpBaseline;
  private Injection.Running injection;

  private HostedRun(RunPlan plan, PrintStream out) {
    this.plan = plan;
    this.loadRun = new LoadRun(out);
  }

  /**
   * Plans a run of {@code spec} under {@code runs}, opens the server the system selects
   * ({@code -Dtemporal.server} / {@code TEMPORAL_SERVER}, else the spec's), starts the workers, warms up and
   * installs the driver. On failure the run directory still gets its record (verdict {@code error}) and
   * this throws {@link IllegalStateException} naming the cause, so Gatling stops before injecting.
   */
  public static HostedRun open(ScenarioSpec spec, Path runs, PrintStream out) {
    RunPlan plan;
    try {
      plan = RunPlan.create(spec, runs, "", Duration.ofSeconds(2));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory under " + runs.toAbsolutePath(), e);
    }
    HostedRun run = new HostedRun(plan, out);
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    String requested = environments.settings().requested();
    try {
      var settings = RunPlan.serverSelection(environments.settings(), spec);
      requested = settings.requested();
      run.server = run.remember(environments.open(settings, plan.runDir().resolve("server")));
    } catch (RuntimeException e) {
      run.close();
      run.loadRun.serverFailed(plan, requested, e.getMessage());
      throw new IllegalStateException("Temporal server " + requested + " could not be opened: " + e.getMessage(), e);
    }
    try {
      run.start();
      return run;
    } catch (RuntimeException e) {
      String cause = e.getMessage();
      run.loadRun.failed(plan, run.server, cause);
      run.close();
      throw new IllegalStateException(cause + " (run directory " + plan.runDir() + ")", e);
    }
  }

  private void start() {
    loadRun.announce(plan, server);
    Optional<String> unsupported = server.whyUnsupported(plan.spec().requires());
    if (unsupported.isPresent()) {
      throw new IllegalStateException(plan.spec().name() + " cannot run here: " + unsupported.get());
    }
    WorkflowServiceStubs stubs = DriverStubs.connect(server.connection(), System.getenv());
    remember((AutoCloseable) stubs::shutdownNow);
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    scrapes = remember(Scrapes.start(plan.spec(), server, System.getenv(), loadRun.out()));
    workers = remember(loadRun.startWorkers(plan, server));
    warmUpBaseline = loadRun.warmUp(plan, client, workers);
    scrapes.measureFromNow();
    injection = remember(Injection.begin(plan, server, client, workers, loadRun.out()));
    LoadDriver.install(injection.driver());
  }

  /**
   * After Gatling's injection: measures, judges, writes run.json, report.html and summary.md, stops the
   * workers and the server. Gatling's exit status is not known here (it evaluates its assertions later).
   */
  public RunOutcome finish() {
    try {
      LoadDriver.uninstall(injection.driver());
      return loadRun.conclude(plan, server, client, workers, warmUpBaseline, injection.end(0), scrapes);
    } catch (RuntimeException e) {
      return loadRun.failed(plan, server, e.getMessage());
    } finally {
      close();
    }
  }

  /** The run's plan (its directory, names). */
  public RunPlan plan() {
    return plan;
  }

  private <T extends AutoCloseable> T remember(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Releases what is still open, last opened first; idempotent. */
  @Override
  public void close() {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        // Closing continues: a worker or server left open would outlive the Gatling JVM's run.
        loadRun.out().println("while closing: " + e);
      }
    }
  }
}
