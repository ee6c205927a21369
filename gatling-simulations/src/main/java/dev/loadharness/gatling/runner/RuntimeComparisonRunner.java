package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.reports.compare.ComparedRun;
import dev.loadharness.reports.compare.ComparisonMarkdown;
import dev.loadharness.reports.compare.RuntimeComparison;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario under several worker runtime settings against one server, in interleaved rounds,
 * and writes the comparison ({@code comparison.md}, {@code comparison.json}) next to every run's own
 * directory.
 *
 * <p>Why rounds and rotation: settings run back to back share whatever the machine is doing at that
 * minute, and rotating the order each round keeps any one setting from always running first (fresh
 * server) or last (fullest server history). Exit code: 0 when every run passed its thresholds, 1 when
 * one breached, 2 when a run or the environment failed.
 */
public final class RuntimeComparisonRunner {
  private final PrintStream out;

  public RuntimeComparisonRunner(PrintStream out) {
    this.out = out;
  }

  /**
   * What to compare.
   *
   * @param settings the runtime modes, at least one, no repeats
   * @param rounds how many times each setting runs
   * @param candidate judged against the best of the others (when it is among {@code settings})
   */
  public record Comparison(RunOptions run, List<RuntimeMode> settings, int rounds, RuntimeMode candidate) {
    public Comparison {
      settings = List.copyOf(settings);
      if (settings.isEmpty() || settings.stream().distinct().count() != settings.size()) {
        throw new IllegalArgumentException("--compare needs distinct runtime settings, got " + settings);
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
      }
    }

    /** The settings in the order round {@code round} (1-based) runs them: rotated by one each round. */
    public List<RuntimeMode> order(int round) {
      List<RuntimeMode> order = new ArrayList<>();
      for (int i = 0; i < settings.size(); i++) {
        order.add(settings.get((i + round - 1) % settings.size()));
      }
      return order;
    }
  }

  /** Runs the comparison; never throws for bad input or a failed environment (exit code 2). */
  public int run(Comparison comparison) {
    ScenarioSpec spec;
    try {
      spec = LoadRunner.loadSpec(comparison.run());
    } catch (SpecException e) {
      out.println(e.getMessage());
      return RunOutcome.ERROR;
    }
    Path dir = comparison.run().out().toAbsolutePath()
        .resolve(RunPlan.STAMP.format(Instant.now()) + "-compare-" + spec.name());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      out.println("ERROR: cannot create comparison directory " + dir + ": " + e.getMessage());
      return RunOutcome.ERROR;
    }
    int total = comparison.settings().size() * comparison.rounds();
    out.println("comparing " + comparison.settings().stream().map(RuntimeMode::id).toList() + " on " + spec.name()
        + ": " + comparison.rounds() + " round(s), " + total + " runs, one server; directory " + dir);
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    List<ComparedRun> runs = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    boolean breached = false;
    try (ServerEnvironment server = environments.open(
        LoadRunner.serverSettings(environments.settings(), comparison.run(), spec), dir.resolve("server"))) {
      RunOptions options = comparison.run().withOut(dir);
      int done = 0;
      for (int round = 1; round <= comparison.rounds(); round++) {
        for (RuntimeMode mode : comparison.order(round)) {
          done++;
          out.println();
          out.println("=== run " + done + "/" + total + ": round " + round + ", " + mode.id() + " ===");
          if (Signals.received().isPresent()) {
            problems.put("round " + round + " " + mode.id(), "not run: interrupted by " + Signals.received().get().name());
            continue;
          }
          RunOutcome outcome = runOne(spec.withRuntime(mode), server, options, mode.id());
          String key = "round " + round + " " + mode.id();
          if (outcome.exitCode() == RunOutcome.ERROR) {
            problems.put(key, outcome.message());
            continue;
          }
          breached |= outcome.exitCode() == RunOutcome.BREACH;
          // A skipped run (server lacks a capability) has no record: there is nothing to compare.
          int thisRound = round;
          outcome.runRecord().ifPresentOrElse(r -> runs.add(new ComparedRun(thisRound, mode.id(), r)),
              () -> problems.put(key, outcome.message()));
        }
      }
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      problems.put("server", e.getMessage());
    }
    if (!runs.isEmpty()) {
      write(dir, runs, comparison.candidate().id());
    }
    problems.forEach((run, message) -> out.println("ERROR in " + run + ": " + message));
    if (Signals.received().isPresent()) {
      return Signals.received().get().exitCode();
    }
    if (!problems.isEmpty()) {
      return RunOutcome.ERROR;
    }
    return breached ? RunOutcome.BREACH : RunOutcome.PASS;
  }

  private RunOutcome runOne(ScenarioSpec spec, ServerEnvironment server, RunOptions options, String label) {
    RunPlan plan;
    try {
      plan = RunPlan.create(spec, options.out(), label, options.progressEvery());
    } catch (IOException e) {
      out.println("ERROR: cannot create a run directory under " + options.out() + ": " + e.getMessage());
      return new RunOutcome(RunOutcome.ERROR, null, null, e.getMessage());
    }
    return new LoadRun(out).execute(plan, server);
  }

  private void write(Path dir, List<ComparedRun> runs, String candidate) {
    RuntimeComparison comparison = RuntimeComparison.of(runs, candidate);
    String markdown = ComparisonMarkdown.render(comparison, runs);
    try {
      Files.writeString(dir.resolve("comparison.md"), markdown);
      Files.writeString(dir.resolve("comparison.json"),
          RunRecords.mapper().writeValueAsString(Map.of("comparison", comparison,
              "runs", runs.stream().map(r -> Map.of("round", r.round(), "setting", r.setting(),
                  "run_id", r.record().runId(), "verdict", r.record().verdict())).toList())));
    } catch (IOException e) {
      out.println("ERROR: cannot write the comparison into " + dir + ": " + e.getMessage());
      return;
    }
    out.println();
    out.println(markdown);
    out.println("comparison: " + dir.resolve("comparison.md"));
  }
}
