package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.spec.Regressions;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.SpecException;
import dev.loadharness.scenarios.worker.UserWorkerCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/load} for one scenario: validate the spec, plan the run directory, open the server the
 * selection names, and run the {@link LoadRun} pipeline on it. Returns exit code 0 (pass), 1 (a bar
 * breached) or 2 (bad input or a broken environment).
 */
public final class LoadRunner {
  private final PrintStream out;

  public LoadRunner(PrintStream out) {
    this.out = out;
  }

  /** Runs {@code options}; never throws for bad input or a failed environment, it returns exit code 2. */
  public RunOutcome run(RunOptions options) {
    ScenarioSpec spec;
    try {
      spec = loadSpec(options);
      UserWorkerCode.check(spec);
    } catch (SpecException e) {
      out.println(e.getMessage());
      return new RunOutcome(RunOutcome.ERROR, null, null, e.getMessage());
    } catch (IllegalArgumentException e) {
      // The user's code does not fit the spec (a jar, class or workflow type): nothing started yet.
      return error(e.getMessage());
    }
    RunPlan plan;
    try {
      plan = RunPlan.create(spec, options.out(), "", options.progressEvery());
    } catch (IOException e) {
      return error("cannot create run directory under " + options.out().toAbsolutePath() + ": " + e.getMessage());
    }
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    ServerSettings settings;
    try {
      settings = serverSettings(environments.settings(), options, spec);
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
    try (ServerEnvironment server = environments.open(settings, plan.runDir().resolve("server"))) {
      return new LoadRun(out).execute(plan, server);
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      return new LoadRun(out).serverFailed(plan, settings.requested(), e.getMessage());
    }
  }

  /** The scenario {@code options} name, with the --workers, --inject and --worker-classpath overrides applied. */
  static ScenarioSpec loadSpec(RunOptions options) {
    ScenarioSpec spec = ScenarioSpecs.load(options.scenario());
    if (!options.inject().isEmpty()) {
      try {
        spec = spec.withRegressions(Regressions.parse(options.inject()));
      } catch (IllegalArgumentException e) {
        throw new SpecException("--inject", List.of(e.getMessage()));
      }
    }
    if (options.workerCode().isPresent()) {
      try {
        spec = spec.withWorkerCode(options.workerCode().get());
      } catch (IllegalArgumentException e) {
        throw new SpecException("--worker-classpath", List.of(e.getMessage()));
      }
    }
    return options.workers().isPresent() ? spec.withWorkerProcesses(options.workers().get()) : spec;
  }

  /** The server selection: {@code --server} wins, then the spec's own server when the selection is auto. */
  /**
   * Opens the server {@code kind} (or the spec's selection for "auto") that a series of runs of
   * {@code spec} shares, with its files under {@code dir}: how calibration and sensitivity runs start.
   */
  static ServerEnvironment openShared(ScenarioSpec spec, String scenario, String kind, Path dir) throws Exception {
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    return environments.open(serverSettings(environments.settings(), RunOptions.of(scenario).withServer(kind), spec), dir);
  }

  static ServerSettings serverSettings(ServerSettings base, RunOptions options, ScenarioSpec spec) {
    if (options.server().isPresent()) {
      return base.withRequested(options.server().get(), "--server");
    }
    return RunPlan.serverSelection(base, spec);
  }

  private RunOutcome error(String message) {
    out.println("ERROR: " + message);
    return new RunOutcome(RunOutcome.ERROR, null, null, message);
  }
}
