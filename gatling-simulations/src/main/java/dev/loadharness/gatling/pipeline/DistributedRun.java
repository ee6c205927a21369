package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.DriverStubs;
import dev.loadharness.gatling.gate.VisibilityCheck;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.SegmentSummary;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.server.ServerCapability;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A load run whose injection is split into segments that a {@link SegmentFleet} of drivers runs, composed of
 * the single run's pieces: plan, workers and warm-up as {@link LoadRun} does them, the segments' results
 * added by {@link SegmentMerge} into one injection result, then the same measurement, judge, record and
 * rendering. The record is a single run's, plus its segments and one more bar: the server holds no more
 * executions of the run's ids than were counted started (none ran twice), and no fewer than those whose start
 * call did not fail (none is missing).
 */
public final class DistributedRun {
  /** The ledger's failure causes of start calls begin with this (action.Temporal). */
  private static final String START_FAILURE = "start: ";

  private final LoadRun loadRun;

  public DistributedRun(PrintStream out) {
    this.loadRun = new LoadRun(out);
  }

  /** Runs {@code tasks} (one per segment of {@code plan}) on {@code fleet}; never throws for a failed environment. */
  public RunOutcome execute(RunPlan plan, ServerEnvironment server, SegmentFleet.Launcher fleet,
      List<SegmentTask> tasks) {
    loadRun.announce(plan, server);
    Optional<String> unsupported = server.whyUnsupported(plan.spec().requires());
    if (unsupported.isPresent()) {
      return loadRun.skipped(plan, "SKIPPED: " + plan.spec().name() + " " + unsupported.get());
    }
    WorkflowServiceStubs stubs = DriverStubs.connect(server.connection(), System.getenv());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
      return measure(plan, server, client, fleet, tasks);
    } catch (SegmentFleet.FleetException | ServerEnvironmentException | IllegalStateException
        | IllegalArgumentException | UncheckedIOException e) {
      return loadRun.failed(plan, server, e.getMessage());
    } catch (StatusRuntimeException e) {
      return loadRun.failed(plan, server, "the server failed during the run: " + e.getStatus());
    } finally {
      stubs.shutdownNow();
    }
  }

  private RunOutcome measure(RunPlan plan, ServerEnvironment server, WorkflowClient client,
      SegmentFleet.Launcher launcher, List<SegmentTask> tasks) {
    try (Scrapes scrapes = Scrapes.start(plan.spec(), server, System.getenv(), loadRun.out());
        WorkerProcesses workers = loadRun.startWorkers(plan, server); SegmentFleet fleet = launcher.open(server)) {
      loadRun.out().println("load split into " + tasks.size() + " segment(s) on " + fleet.describe());
      List<WorkerMetricsSnapshot> warmUpBaseline = loadRun.warmUp(plan, client, workers);
      Injected injected = inject(plan, workers, fleet, tasks);
      Injection.Result injection = injected.merged();
      List<Threshold> bars = new ArrayList<>();
      if (injection.aborted().isEmpty() && server.capabilities().contains(ServerCapability.VISIBILITY_COUNT)) {
        long started = injection.totals().counts().started();
        long failedStarts = injection.totals().failures().entrySet().stream()
            .filter(e -> e.getKey().startsWith(START_FAILURE)).mapToLong(Map.Entry::getValue).sum();
        VisibilityCheck.executions(client, plan.idPrefix(), injection.totals().counts(), failedStarts)
            .ifPresent(v -> bars.add(new Threshold("segments: executions on the server <= started", "visibility_executions",
                "<=", started, (double) v.running(), v.consistent(), "no workflow id ran twice; and >= started - "
                + failedStarts + " failed start call(s) (which may or may not have reached the server): none is "
                + "missing; " + v.note())));
      }
      return loadRun.conclude(plan, server, client, workers, warmUpBaseline, injection, scrapes, bars, b -> {
        b.runtimeSetting("load_segments", tasks.size());
        injected.segments().forEach(s -> b.segment(SegmentSummary.of(s.id(), s.attempt(), s.driver(), s.started(),
            s.completed(), s.failed(), s.timedOut(), s.unaccounted(), s.attached(),
            Math.max(0, s.lastOutcomeWallMs() - s.firstStartWallMs()) / 1000.0)));
      });
    }
  }

  /** The segments' results and their merge. */
  private record Injected(Injection.Result merged, List<SegmentResult> segments) {}

  /** The injection phase of a distributed run: the fleet runs the segments while this JVM carries out the faults. */
  private Injected inject(RunPlan plan, WorkerProcesses workers, SegmentFleet fleet, List<SegmentTask> tasks) {
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "planned-faults");
      t.setDaemon(true);
      return t;
    });
    Injection.schedulePlannedFaults(plan, workers, timers, events, loadRun.out());
    List<SegmentResult> results;
    try (Signals.Registration signals = Signals.whileRunning(reason -> {
      events.add(new RunEvent(plan.secondsSinceStart(System.currentTimeMillis()), "interrupted", "run", reason));
      fleet.cancel(reason);
    })) {
      results = fleet.run(tasks, loadRun.out());
    } finally {
      timers.shutdownNow();
    }
    Injection.Result merged = SegmentMerge.merge(results, plan);
    List<RunEvent> all = new ArrayList<>(merged.events());
    all.addAll(events);
    all.sort(Comparator.comparingDouble(RunEvent::atS));
    return new Injected(new Injection.Result(merged.totals(), merged.series(), merged.driver(), all, merged.aborted()),
        results);
  }
}
