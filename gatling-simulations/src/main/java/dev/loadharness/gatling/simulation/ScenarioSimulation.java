package dev.loadharness.gatling.simulation;

import dev.loadharness.gatling.pipeline.HostedRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scenario run the Gatling way ({@code mvn gatling:test}): Gatling's runner starts this class by name,
 * {@link #before} opens the server, starts the workers and warms up ({@link HostedRun}), Gatling injects
 * the same population as {@code scripts/load} and checks the spec's thresholds it can measure as its own
 * assertions ({@link SpecAssertions}), and {@link #after} measures, judges and writes the run directory
 * (run.json, report.html, summary.md) exactly as {@code scripts/load} does.
 *
 * <p>Properties: {@code scenario} (a shipped name or a spec file; default {@value #DEFAULT_SCENARIO}),
 * {@code load.runs} (where run directories go; default {@value #DEFAULT_RUNS}), and the usual server
 * selection ({@code temporal.server} / {@code TEMPORAL_SERVER}, ...).
 *
 * <p>A breach of a bar Gatling does not assert (or an environment error) fails the run from {@link #after}:
 * Gatling evaluates its assertions and writes its HTML report only after {@code after()} returns, so then
 * the build fails without Gatling's report and the run directory's summary.md has the verdict.
 */
public class ScenarioSimulation extends Simulation {
  static final String DEFAULT_SCENARIO = "smoke";
  static final String DEFAULT_RUNS = "target/load-runs";

  private final ScenarioSpec spec = ScenarioSpecs.load(System.getProperty("scenario", DEFAULT_SCENARIO));
  private HostedRun run;

  {
    setUp(TemporalLoadSimulation.population(TemporalLoadSimulation.workflow(spec), spec))
        .maxDuration(spec.timeBudget().plus(TemporalLoadSimulation.CUT_GRACE))
        .assertions(SpecAssertions.of(spec));
  }

  @Override
  public void before() {
    run = HostedRun.open(spec, Path.of(System.getProperty("load.runs", DEFAULT_RUNS)), System.out);
  }

  @Override
  public void after() {
    if (run == null) {
      return;
    }
    RunOutcome outcome = run.finish();
    String unasserted = unassertedFailure(outcome, SpecAssertions.assertedNames(spec));
    if (!unasserted.isEmpty()) {
      throw new IllegalStateException(spec.name() + " " + unasserted + "; see "
          + outcome.runDirectory().resolve("summary.md"));
    }
  }

  /**
   * Why the run must fail although Gatling's assertions may pass: an error verdict, or a breached bar that
   * is not among {@code asserted}; empty when Gatling's assertions decide alone.
   */
  static String unassertedFailure(RunOutcome outcome, Set<String> asserted) {
    if (outcome.record() == null || outcome.record().verdict() == Verdict.ERROR
        || outcome.record().verdict() == Verdict.INTERRUPTED) {
      return "ended without a verdict: " + outcome.message();
    }
    List<Threshold> others = outcome.breaches().stream().filter(t -> !asserted.contains(t.name())).toList();
    return others.isEmpty() ? "" : "breached bars Gatling does not assert: "
        + others.stream().map(t -> t.line().trim().replaceAll("\\s+", " ")).collect(Collectors.joining("; "));
  }
}
