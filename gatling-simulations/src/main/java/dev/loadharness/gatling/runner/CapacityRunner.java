package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.capacity.KneeSearch;
import dev.loadharness.gatling.capacity.Slos;
import dev.loadharness.gatling.capacity.StepCriteria;
import dev.loadharness.gatling.capacity.Sweep;
import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.reports.capacity.CapacityCell;
import dev.loadharness.reports.capacity.CapacityCell.Outcome;
import dev.loadharness.reports.capacity.CapacityFiles;
import dev.loadharness.reports.capacity.CapacityPage;
import dev.loadharness.reports.capacity.CapacityReport;
import dev.loadharness.reports.capacity.CapacityStep;
import dev.loadharness.reports.capacity.CapacitySteps;
import dev.loadharness.reports.capacity.FleetSizing;
import dev.loadharness.reports.capacity.Saturation;
import dev.loadharness.reports.record.Numbers;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.Threshold.Op;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import dev.loadharness.scenarios.spec.ThresholdSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code scripts/load <scenario> --find-capacity}: for each sweep cell, a {@link KneeSearch} whose steps are
 * short {@link LoadRun}s of the scenario at one offered load (open model: constant-rate arrivals; closed model:
 * workflows in flight), every step against one server; each step is judged by {@link StepCriteria}. Writes
 * capacity.md, capacity.json and capacity.html next to the step runs' own directories, also when stopped early.
 *
 * <p>Exit code: 0 a sustainable load was found, 1 no step of any cell met the SLO, 2 bad input or a failed
 * environment, 130/143 interrupted.
 */
public final class CapacityRunner {
  /** Workflows run before each step's measured load: every step starts fresh worker JVMs. */
  static final int MIN_WARM_UP = 8;

  private final PrintStream out;

  public CapacityRunner(PrintStream out) {
    this.out = out;
  }

  /**
   * What to search.
   *
   * @param run the scenario, server and output directory
   * @param slos {@code --slo} arguments
   * @param sweeps {@code --sweep} arguments
   * @param start the first load, null for the scenario's own divided by 4
   * @param factor growth per upward step
   * @param maxSteps upward steps at most
   * @param resolution bisection stops when the bracket is within this share of the good load
   * @param maxRefinements bisection steps at most
   * @param stepDuration injection length of each step
   */
  public record Request(RunOptions run, List<String> slos, List<String> sweeps, Double start, double factor,
      int maxSteps, double resolution, int maxRefinements, Duration stepDuration) {
    public Request {
      slos = List.copyOf(slos);
      sweeps = List.copyOf(sweeps);
      if (stepDuration == null || stepDuration.compareTo(Duration.ofSeconds(3)) < 0
          || stepDuration.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("--step-duration must be 3 s to 10 min, got " + stepDuration);
      }
    }
  }

  /** A validated search, ready to run. */
  private record Plan(ScenarioSpec spec, boolean open, List<ThresholdSpec> slos, List<Sweep.Cell> cells,
      KneeSearch.Settings settings, Duration step) {}

  /** Runs the search; never throws for bad input or a failed environment (exit code 2). */
  public int run(Request request) {
    Plan plan;
    try {
      plan = plan(request);
    } catch (SpecException | IllegalArgumentException e) {
      out.println(e.getMessage());
      return RunOutcome.ERROR;
    }
    Path dir = request.run().out().toAbsolutePath()
        .resolve(RunPlan.STAMP.format(Instant.now()) + "-capacity-" + plan.spec().name());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      out.println("ERROR: cannot create the capacity directory " + dir + ": " + e.getMessage());
      return RunOutcome.ERROR;
    }
    out.printf(Locale.ROOT, "capacity search on %s: %s model, %d cell(s), steps of %d s from %s %s (x%s up to %d steps, "
            + "then bisection to %.0f%%), SLO: %s; one server; directory %s%n", plan.spec().name(),
        plan.open() ? "open" : "closed", plan.cells().size(), plan.step().toSeconds(),
        Numbers.compact(plan.settings().start()), plan.open() ? "wf/s" : "in flight",
        Numbers.compact(plan.settings().factor()), plan.settings().maxSteps(), 100 * plan.settings().resolution(),
        plan.slos().isEmpty() ? "none beyond nothing failed or lost" : plan.slos().stream().map(ThresholdSpec::name)
            .toList(), dir);
    Instant started = Instant.now();
    List<CapacityCell> cells = new ArrayList<>();
    String serverKind = "unknown";
    String stopped = "";
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    try (ServerEnvironment server = environments.open(
        LoadRunner.serverSettings(environments.settings(), request.run(), plan.spec()), dir.resolve("server"))) {
      serverKind = server.kind().id();
      Optional<String> unsupported = server.whyUnsupported(plan.spec().requires());
      if (unsupported.isPresent()) {
        stopped = plan.spec().name() + " " + unsupported.get();
      }
      for (Sweep.Cell cell : plan.cells()) {
        if (!stopped.isEmpty()) {
          break;
        }
        CellSearch search = new CellSearch(plan, cell, server, dir);
        CapacityCell result = search.run(cells.size() + 1);
        cells.add(result);
        if (result.outcome() == Outcome.INTERRUPTED || result.outcome() == Outcome.ERROR) {
          stopped = result.note();
        }
      }
    } catch (ServerEnvironmentException | IllegalStateException e) {
      stopped = "the server failed: " + e.getMessage();
    }
    int exit = exitCode(cells, stopped);
    CapacityReport report = new CapacityReport(plan.spec().name(), serverKind, plan.open() ? CapacityReport.OPEN
        : CapacityReport.CLOSED, plan.slos().stream().map(ThresholdSpec::name).toList(),
        Runtime.getRuntime().availableProcessors(), started, plan.step().toMillis() / 1000.0, cells,
        FleetSizing.line(cells, plan.slos().isEmpty() ? "no latency SLO"
            : String.join(", ", plan.slos().stream().map(ThresholdSpec::name).toList())), exit, stopped);
    try {
      String markdown = CapacityFiles.write(dir, report);
      out.println();
      out.println(markdown);
    } catch (IOException e) {
      out.println("ERROR: cannot write the capacity files into " + dir + ": " + e.getMessage());
      return RunOutcome.ERROR;
    }
    out.println("capacity: " + dir.resolve(CapacityFiles.MARKDOWN));
    out.println("page: " + dir.resolve(CapacityPage.FILE_NAME));
    out.println("capacity verdict: " + dirLine(report));
    return exit;
  }

  private static String dirLine(CapacityReport r) {
    return r.sizing().isEmpty() ? (r.exitCode() == 1 ? "NO STEP MET THE SLO (" + r.sloText() + ")"
        : "nothing found: " + r.stopped()) : r.sizing();
  }

  static int exitCode(List<CapacityCell> cells, String stopped) {
    if (Signals.received().isPresent()) {
      return Signals.received().get().exitCode();
    }
    if (!stopped.isEmpty() || cells.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
      return RunOutcome.ERROR;
    }
    return cells.stream().anyMatch(c -> c.knee().isPresent()) ? RunOutcome.PASS : RunOutcome.BREACH;
  }

  private Plan plan(Request request) {
    ScenarioSpec spec = LoadRunner.loadSpec(request.run());
    List<ThresholdSpec> slos = Slos.parse(request.slos());
    Sweep sweep = Sweep.parse(request.sweeps());
    if (request.run().workers().isPresent() && sweep.sweeps(Sweep.Dimension.WORKERS)) {
      throw new IllegalArgumentException("--workers and --sweep workers=.. cannot be combined: give the counts to "
          + "--sweep");
    }
    Injection injection = spec.injection();
    boolean open = injection.model().open();
    double start;
    if (request.start() != null) {
      start = request.start();
    } else if (injection.model() == Injection.Model.CLOSED) {
      start = Math.max(1, injection.concurrency() / 4);
    } else if (injection.model() == Injection.Model.CONSTANT_RATE) {
      start = Math.max(0.1, injection.rate() / 4);
    } else {
      throw new IllegalArgumentException("--find-capacity on " + spec.name() + ": its injection is "
          + injection.model().id() + ", which has no rate to start from; give --start <wf/s> (steps run constant-rate)");
    }
    KneeSearch.Settings settings = new KneeSearch.Settings(start, request.factor(), request.maxSteps(),
        request.resolution(), request.maxRefinements(), !open);
    return new Plan(spec, open, slos, sweep.cells(spec.workers()), settings, request.stepDuration());
  }

  /** The scenario as one step runs it: the step's load, the SLO bars, a budget for the drain. */
  static ScenarioSpec stepSpec(ScenarioSpec spec, Sweep.Cell cell, boolean open, double load, Duration step,
      List<ThresholdSpec> slos) {
    List<ThresholdSpec> bars = new ArrayList<>(slos);
    bars.add(new ThresholdSpec(Metric.FAILED, Op.EQ, 0));
    bars.add(new ThresholdSpec(Metric.TIMED_OUT, Op.EQ, 0));
    Injection injection = open ? new Injection(Injection.Model.CONSTANT_RATE, step, load, 0)
        : new Injection(Injection.Model.CLOSED, step, 0, (int) load);
    int workflows = open ? (int) Math.max(1, Math.round(load * step.toMillis() / 1000.0)) : 0;
    // A step that cannot drain within as long again as it injected is past its knee; waiting longer only costs time.
    Duration budget = step.plus(step.compareTo(Duration.ofSeconds(10)) > 0 ? step : Duration.ofSeconds(10));
    int warmUp = Math.min(16, Math.max(MIN_WARM_UP, spec.warmUpWorkflows()));
    return spec.withWorkers(cell.workers()).withLoad(injection, workflows, step.dividedBy(3), warmUp, budget, bars);
  }

  /** The search of one cell: its steps as runs, judged, and the cell's result. */
  private final class CellSearch {
    private final Plan plan;
    private final Sweep.Cell cell;
    private final ServerEnvironment server;
    private final Path dir;
    private final List<CapacityStep> steps = new ArrayList<>();
    private String stop = "";
    private Outcome stopAs;

    CellSearch(Plan plan, Sweep.Cell cell, ServerEnvironment server, Path dir) {
      this.plan = plan;
      this.cell = cell;
      this.server = server;
      this.dir = dir;
    }

    CapacityCell run(int number) {
      out.println();
      out.println("=== capacity cell " + number + "/" + plan.cells().size() + ": " + cell.label() + " ===");
      KneeSearch.Result<CapacityStep> result = new KneeSearch<CapacityStep>(plan.settings())
          .run((load, refine) -> step(number, load, refine));
      Outcome outcome;
      String note;
      if (result.stopped()) {
        outcome = stopAs;
        note = stop;
      } else if (result.good().isEmpty()) {
        outcome = Outcome.NONE_SUSTAINABLE;
        CapacityStep first = steps.get(0);
        note = "the lowest load tried, " + load(first.offered()) + ", was not sustainable: " + first.reason()
            + "; try a lower --start";
      } else if (result.bad().isEmpty()) {
        outcome = Outcome.NOT_REACHED;
        CapacityStep top = steps.stream().max(Comparator.comparingDouble(CapacityStep::offered)).orElseThrow();
        note = String.format(Locale.ROOT, "every step up to %s was sustainable (%s wf/s): the knee lies higher; "
            + "raise --max-steps or --start", load(top.offered()), Numbers.compact(top.throughputWps()));
      } else {
        outcome = Outcome.KNEE;
        note = "";
      }
      CapacityCell provisional = new CapacityCell(cell.label(), cell.workers().processes(),
          cell.workers().workflowSlots(), cell.workers().activitySlots(), steps, outcome, note, "");
      if (outcome == Outcome.KNEE) {
        CapacityStep good = provisional.knee().orElseThrow();
        CapacityStep bad = provisional.firstBad().orElseThrow();
        note = String.format(Locale.ROOT, "max sustainable throughput %s wf/s at %s (e2e p50 %s ms, p95 %s ms, "
                + "p99 %s ms); %s was not sustainable: %s", Numbers.compact(good.throughputWps()), load(good.offered()),
            Numbers.compact(good.endToEndP50Ms()), Numbers.compact(good.endToEndP95Ms()),
            Numbers.compact(good.endToEndP99Ms()), load(bad.offered()), bad.reason());
      }
      Optional<CapacityStep> at = provisional.firstBad().or(provisional::knee);
      String saturation = at.map(s -> Saturation.of(s, Runtime.getRuntime().availableProcessors())).orElse("");
      CapacityCell done = new CapacityCell(cell.label(), cell.workers().processes(), cell.workers().workflowSlots(),
          cell.workers().activitySlots(), steps, outcome, note, saturation);
      out.println(cell.label() + ": " + outcome.id() + ": " + note);
      return done;
    }

    private String load(double offered) {
      return Numbers.compact(offered) + (plan.open() ? " wf/s offered" : " in flight");
    }

    private Optional<KneeSearch.Judged<CapacityStep>> step(int cellNumber, double load, boolean refine) {
      if (Signals.received().isPresent()) {
        return stop(Outcome.INTERRUPTED, "interrupted by " + Signals.received().get().name() + " before the step at "
            + load(load));
      }
      int index = steps.size() + 1;
      out.println();
      out.println("--- " + cell.label() + ", step " + index + (refine ? " (refine)" : "") + ": " + load(load) + " ---");
      ScenarioSpec spec = stepSpec(plan.spec(), cell, plan.open(), load, plan.step(), plan.slos());
      RunPlan runPlan;
      try {
        runPlan = RunPlan.create(spec, dir, String.format(Locale.ROOT, "c%d-s%02d-%s", cellNumber, index,
            Numbers.compact(load).replace(",", "")), Duration.ofSeconds(1));
      } catch (IOException e) {
        return stop(Outcome.ERROR, "cannot create a step directory under " + dir + ": " + e.getMessage());
      }
      RunOutcome outcome = new LoadRun(out).execute(runPlan, server);
      Optional<RunRecord> record = outcome.runRecord();
      if (record.isEmpty()) {
        return stop(Outcome.ERROR, "the step at " + load(load) + " was not measured: " + outcome.message());
      }
      if (record.get().verdict() == Verdict.INTERRUPTED) {
        return stop(Outcome.INTERRUPTED, "interrupted during the step at " + load(load) + " ("
            + record.get().error() + ")");
      }
      if (record.get().verdict() == Verdict.ERROR) {
        return stop(Outcome.ERROR, "the step at " + load(load) + " failed: " + record.get().error());
      }
      double seconds = plan.step().toMillis() / 1000.0;
      CapacityStep measured = CapacitySteps.of(record.get(), index, refine ? CapacityStep.REFINE : CapacityStep.STEP,
          load, seconds / 3, seconds, dir.relativize(outcome.runDirectory()).toString());
      CapacityStep judged = StepCriteria.judge(measured, plan.open(), steps);
      steps.add(judged);
      out.printf(Locale.ROOT, "step %d at %s: %s wf/s, e2e p95 %s ms: %s%n", index, load(load),
          Numbers.compact(judged.throughputWps()), Numbers.compact(judged.endToEndP95Ms()),
          judged.sustainable() ? "sustainable" : "NOT sustainable: " + judged.reason());
      return Optional.of(new KneeSearch.Judged<>(load, refine, judged, judged.sustainable()));
    }

    private Optional<KneeSearch.Judged<CapacityStep>> stop(Outcome as, String why) {
      stopAs = as;
      stop = why;
      return Optional.empty();
    }
  }
}
