package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.gatling.pipeline.WorkerCode;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.ServerKind;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import io.grpc.StatusRuntimeException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several arms of one scenario run in rounds against one server, each arm once per round, in the orders of a
 * balanced Latin square; each run is a {@link LoadRun} of its own plan, the workflows it left open are
 * terminated before the next run starts ({@link Leftovers}), and a dev server the harness starts is started
 * afresh for each run. The runtime comparison's arms are worker
 * settings, an A/B run's are head and the baseline build.
 *
 * <p>Why rounds and this order: arms run back to back share whatever the machine is doing at that minute,
 * and what the run before left behind. A rotation by one keeps any one arm from always running first
 * (fresh server) or last (fullest history), but always puts the same arm before it: with four settings,
 * the one after the resource-based setting inherited that setting's backlog in every round (issue 18). A
 * Williams design (Williams 1949, "Experimental designs balanced for the estimation of residual effects of
 * treatments") also balances the predecessor: over n rounds (2n for odd n) every arm takes every position
 * once and follows every other arm equally often. For two arms it is the rotation, A B then B A.
 */
final class InterleavedRounds {
  private InterleavedRounds() {}

  /**
   * One side of the comparison.
   *
   * @param label the run directory's suffix and the name in outputs (a setting id, {@code head}, {@code base})
   * @param spec the scenario as this arm runs it
   * @param code the build its worker JVMs run
   */
  record Arm(String label, ScenarioSpec spec, WorkerCode code) {}

  /**
   * A run that produced a record to compare.
   *
   * @param round 1-based round
   * @param arm the arm's label
   * @param record the run's record
   * @param directory the run directory
   */
  record Recorded(int round, String arm, RunRecord record, Path directory) {}

  /**
   * What the rounds produced.
   *
   * @param runs the runs with a record, in the order they ran
   * @param problems per run (or {@code server}) the reason it gave nothing to compare
   * @param breached whether any run breached its scenario's thresholds
   */
  record Result(List<Recorded> runs, Map<String, String> problems, boolean breached) {}

  /**
   * {@code items} in the order round {@code round} (1-based) runs them: row {@code round - 1} of a Williams
   * square (first row 0, 1, n-1, 2, n-2, ..., each next row adds 1 mod n; for odd n rows n..2n-1 are the
   * first n reversed), cycling after its last row.
   */
  static <T> List<T> rotated(List<T> items, int round) {
    int n = items.size();
    int rows = n % 2 == 0 ? n : 2 * n;
    int row = (round - 1) % rows;
    List<T> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // i-th element of the first row: 0, 1, n-1, 2, n-2, ...
      int first = i == 0 ? 0 : (i % 2 == 1 ? (i + 1) / 2 : n - i / 2);
      order.add(items.get((first + row) % n));
    }
    if (row >= n) {
      java.util.Collections.reverse(order);
    }
    return order;
  }

  /**
   * Opens the server {@code options} and {@code spec} select and runs every arm {@code rounds} times under
   * {@code dir}. A dev server the harness starts without a database file is started afresh for every run
   * ({@code dir/server}, then {@code dir/server-2} ...), because its in-memory state grows with every run's
   * history and a later run measured a slower server (issue 18: fixed 10/14's workflow-task schedule-to-start
   * p95 353 ms first, 449 ms last in the same comparison); every other kind is one server for all runs.
   */
  static Result run(PrintStream out, RunOptions options, ScenarioSpec spec, Path dir, List<Arm> arms, int rounds) {
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    List<Recorded> runs = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    boolean breached = false;
    int total = arms.size() * rounds;
    ServerSettings settings = LoadRunner.serverSettings(environments.settings(), options, spec);
    ServerEnvironment server = null;
    try {
      server = environments.open(settings, dir.resolve("server"));
      boolean freshPerRun = freshServerPerRun(server.kind(), settings);
      int done = 0;
      for (int round = 1; round <= rounds; round++) {
        for (Arm arm : rotated(arms, round)) {
          done++;
          out.println();
          out.println("=== run " + done + "/" + total + ": round " + round + ", " + arm.label() + " ===");
          String key = "round " + round + " " + arm.label();
          if (Signals.received().isPresent()) {
            problems.put(key, "not run: interrupted by " + Signals.received().get().name());
            continue;
          }
          if (freshPerRun && done > 1) {
            server.close();
            server = null;
            server = environments.open(settings, dir.resolve("server-" + done));
            out.println("a fresh " + server.kind().id() + " for this run (no state from the runs before)");
          }
          RunOutcome outcome = runOne(out, arm, server, dir, options);
          cleanUp(out, server, outcome);
          if (outcome.exitCode() == RunOutcome.ERROR) {
            problems.put(key, outcome.message());
            continue;
          }
          breached |= outcome.exitCode() == RunOutcome.BREACH;
          // A skipped run (server lacks a capability) has no record: there is nothing to compare.
          int thisRound = round;
          outcome.runRecord().ifPresentOrElse(
              r -> runs.add(new Recorded(thisRound, arm.label(), r, outcome.runDirectory())),
              () -> problems.put(key, outcome.message()));
        }
      }
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      problems.put("server", e.getMessage());
    } finally {
      if (server != null) {
        server.close();
      }
    }
    return new Result(runs, problems, breached);
  }

  /** Whether every run gets its own server: a dev server this harness starts, its state in memory only. */
  static boolean freshServerPerRun(ServerKind kind, ServerSettings settings) {
    return kind == ServerKind.DEV_SERVER && settings.devServerDb().isEmpty();
  }

  /** Terminates what the run left open, so the next run starts without it; a failure here is reported, not fatal. */
  private static void cleanUp(PrintStream out, ServerEnvironment server, RunOutcome outcome) {
    if (outcome.runDirectory() == null) {
      return;
    }
    String runId = outcome.runDirectory().getFileName().toString();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
    try {
      out.println(Leftovers.terminate(stubs, server.namespace(), runId).describe(runId));
    } catch (StatusRuntimeException e) {
      out.println("WARNING: leftovers of " + runId + " not terminated: " + e.getStatus());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static RunOutcome runOne(PrintStream out, Arm arm, ServerEnvironment server, Path dir, RunOptions options) {
    RunPlan plan;
    try {
      plan = RunPlan.create(arm.spec(), dir, arm.label(), options.progressEvery()).withWorkerCode(arm.code());
    } catch (IOException e) {
      out.println("ERROR: cannot create a run directory under " + dir + ": " + e.getMessage());
      return new RunOutcome(RunOutcome.ERROR, null, null, e.getMessage());
    }
    return new LoadRun(out).execute(plan, server);
  }
}
