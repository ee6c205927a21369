package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.Git;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.WorkerCode;
import dev.loadharness.reports.ab.AbComparison;
import dev.loadharness.reports.ab.AbFiles;
import dev.loadharness.reports.ab.AbPage;
import dev.loadharness.reports.ab.AbRun;
import dev.loadharness.reports.record.GitInfo;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/load <scenario> --baseline ...}: head against a baseline on one scenario. A baseline build
 * runs in {@link InterleavedRounds} with head against one server (the driver is always head's; only the
 * worker JVMs' classpath differs), and each round's head/base ratio is paired; a baseline of earlier runs
 * is compared unpaired with head's runs of this session. Writes comparison.md, comparison.json and
 * comparison.html ({@link AbFiles}). Exit code: 1 when a metric regressed beyond its minimum effect, 2 on
 * bad input or a failed run or environment, else 0 (head's own threshold breaches are reported, not judged).
 */
public final class BaselineRunner {
  /** The run directory suffix and output name of head's runs. */
  static final String HEAD = "head";
  /** The run directory suffix and output name of the baseline's runs. */
  static final String BASE = "base";

  private final PrintStream out;

  public BaselineRunner(PrintStream out) {
    this.out = out;
  }

  /**
   * What to compare.
   *
   * @param run the scenario and where the runs go
   * @param baseline the {@code --baseline} value (classpath or run directory)
   * @param label the baseline build's name in outputs (scripts/load gives {@code <ref> @ <commit>}), may be null
   * @param commit the baseline build's commit, may be null
   * @param rounds rounds (head and base once each per round), or head runs against a run directory
   */
  public record Request(RunOptions run, String baseline, String label, String commit, int rounds) {
    public Request {
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
      }
    }
  }

  /** Runs the comparison; never throws for bad input or a failed environment (exit code 2). */
  public int run(Request request) {
    ScenarioSpec spec;
    Baseline baseline;
    try {
      spec = LoadRunner.loadSpec(request.run());
      baseline = Baseline.parse(request.baseline(), request.label(), request.commit(), spec.name());
    } catch (SpecException | IllegalArgumentException e) {
      out.println(e.getMessage());
      return RunOutcome.ERROR;
    }
    Path dir = request.run().out().toAbsolutePath()
        .resolve(RunPlan.STAMP.format(Instant.now()) + "-ab-" + spec.name());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      out.println("ERROR: cannot create comparison directory " + dir + ": " + e.getMessage());
      return RunOutcome.ERROR;
    }
    GitInfo git = Git.info();
    String head = "head " + git.commit().substring(0, Math.min(12, git.commit().length()))
        + (git.dirty() ? " (uncommitted changes)" : "");
    List<InterleavedRounds.Arm> arms = new ArrayList<>(List.of(new InterleavedRounds.Arm(HEAD, spec, WorkerCode.head())));
    if (baseline instanceof Baseline.Build build) {
      arms.add(new InterleavedRounds.Arm(BASE, spec, build.code()));
      out.println("A/B " + spec.name() + ": " + head + " against " + baseline.label() + ", " + request.rounds()
          + " round(s), " + 2 * request.rounds() + " runs; directory " + dir);
    } else {
      Baseline.Runs runs = (Baseline.Runs) baseline;
      out.println("A/B " + spec.name() + ": " + head + " against " + runs.records().size() + " earlier run(s) in "
          + runs.directory() + (runs.leftOut() > 0 ? " (" + runs.leftOut() + " that ended in error left out)" : "")
          + ", " + request.rounds() + " head run(s); directory " + dir);
    }
    InterleavedRounds.Result result = InterleavedRounds.run(out, request.run(), spec, dir, arms, request.rounds());
    result.runs().stream().filter(r -> !r.record().thresholds().stream().allMatch(t -> t.pass()))
        .forEach(r -> out.println("note: round " + r.round() + " " + r.arm() + " breached its scenario's thresholds "
            + "(reported in its own run; the A/B verdict judges the ratios)"));
    int exit = write(dir, head, baseline, result, request.rounds());
    result.problems().forEach((run, message) -> out.println("ERROR in " + run + ": " + message));
    return result.problems().isEmpty() ? exit : RunOutcome.ERROR;
  }

  private int write(Path dir, String head, Baseline baseline, InterleavedRounds.Result result, int rounds) {
    List<AbRun> runs = new ArrayList<>();
    result.runs().forEach(r -> runs.add(new AbRun(r.arm(), r.round(), r.record().runId(),
        r.record().verdict().name(), dir.relativize(r.directory()).toString())));
    AbComparison comparison;
    try {
      if (baseline instanceof Baseline.Runs earlier) {
        List<RunRecord> heads = result.runs().stream().map(InterleavedRounds.Recorded::record).toList();
        for (int i = 0; i < earlier.records().size(); i++) {
          RunRecord r = earlier.records().get(i);
          runs.add(new AbRun(BASE, i + 1, r.runId(), r.verdict().name(),
              earlier.runDirectories().get(i).toString()));
        }
        comparison = AbComparison.unpaired(head, baseline.label(), heads, earlier.records());
      } else {
        List<AbComparison.Pair> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          pairs.add(new AbComparison.Pair(round, record(result, round, HEAD), record(result, round, BASE)));
        }
        comparison = AbComparison.paired(head, baseline.label(), pairs);
      }
    } catch (IllegalArgumentException e) {
      out.println("ERROR: nothing to compare: " + e.getMessage());
      return RunOutcome.ERROR;
    }
    String markdown;
    try {
      markdown = AbFiles.write(dir, comparison, runs);
    } catch (IOException e) {
      out.println("ERROR: cannot write the comparison into " + dir + ": " + e.getMessage());
      return RunOutcome.ERROR;
    }
    out.println();
    out.println(markdown);
    out.println("comparison: " + dir.resolve(AbFiles.MARKDOWN));
    out.println("page: " + dir.resolve(AbPage.FILE_NAME));
    out.println(String.format(Locale.ROOT, "A/B verdict: %s", comparison.regressions().isEmpty()
        ? "no regression beyond the minimum effects"
        : "REGRESSED: " + String.join(", ", comparison.regressions().stream().map(m -> m.metric()).toList())));
    return comparison.exitCode();
  }

  private static RunRecord record(InterleavedRounds.Result result, int round, String arm) {
    return result.runs().stream().filter(r -> r.round() == round && r.arm().equals(arm))
        .map(InterleavedRounds.Recorded::record).findFirst().orElse(null);
  }
}
