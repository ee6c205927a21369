package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.gatling.pipeline.WorkerCode;
import dev.loadharness.reports.compare.ComparedRun;
import dev.loadharness.reports.compare.ComparisonMarkdown;
import dev.loadharness.reports.compare.RuntimeComparison;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario under several worker runtime settings against one server, in interleaved rounds,
 * and writes the comparison ({@code comparison.md}, {@code comparison.json}) next to every run's own
 * directory.
 *
 * <p>The rounds are {@link InterleavedRounds} (why rounds and rotation is written there). Exit code: 0 when
 * every run passed its thresholds, 1 when one breached, 2 when a run or the environment failed.
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

    /** The settings in the order round {@code round} (1-based) runs them: a Williams square's row (see InterleavedRounds). */
    public List<RuntimeMode> order(int round) {
      return InterleavedRounds.rotated(settings, round);
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
        + ": " + comparison.rounds() + " round(s), " + total + " runs; directory " + dir);
    List<InterleavedRounds.Arm> arms = comparison.settings().stream()
        .map(mode -> new InterleavedRounds.Arm(mode.id(), spec.withRuntime(mode), WorkerCode.head())).toList();
    InterleavedRounds.Result result = InterleavedRounds.run(out, comparison.run(), spec, dir, arms,
        comparison.rounds());
    List<ComparedRun> runs = result.runs().stream()
        .map(r -> new ComparedRun(r.round(), r.arm(), r.record())).toList();
    if (!runs.isEmpty()) {
      write(dir, runs, comparison.candidate().id());
    }
    result.problems().forEach((run, message) -> out.println("ERROR in " + run + ": " + message));
    if (Signals.received().isPresent()) {
      return Signals.received().get().exitCode();
    }
    if (!result.problems().isEmpty()) {
      return RunOutcome.ERROR;
    }
    return result.breached() ? RunOutcome.BREACH : RunOutcome.PASS;
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
