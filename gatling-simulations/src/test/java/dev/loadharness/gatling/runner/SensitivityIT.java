package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import dev.loadharness.scenarios.spec.Calibration;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.Regressions;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calibrated gate, both ways, with its baseline measured in the same run (the machine's load drifts;
 * a calibration from another hour would judge the machine, not the code): three unchanged runs of
 * worker-load-128 on one dev server calibrate the bars, then a fourth unchanged run must pass them and a
 * run with activities 2x slower must fail one, named.
 */
class SensitivityIT {

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void theCalibratedGatePassesUnchangedCodeAndFailsATwofoldActivitySlowdown() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TEMPORAL_SERVER", "dev-server");
    SettingSource source = new SettingSource(env, new Properties());
    SystemProbes probes = new SystemProbes(source);
    Assumptions.assumeTrue(probes.temporalCli().isPresent(), "the Temporal CLI (dev server) is not installed");
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    Path runs = LoadSuiteIT.RUNS;
    try (ServerEnvironment server = new ServerEnvironments(source, probes).open(runs.resolve("sensitivity-server"))) {
      List<Map<Metric, Double>> clean = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        RunOutcome outcome = run(new LoadRun(System.out), spec, server, runs, "calibrate-" + i);
        assertThat(outcome.record()).as(outcome.message()).isNotNull();
        clean.add(CalibrateMain.values(outcome.record()));
      }
      Calibration calibration = Calibration.derive(spec.name(), server.kind().id(),
          Runtime.getRuntime().availableProcessors(), "in this test", clean);

      RunOutcome unchanged = run(new LoadRun(System.out, calibration), spec, server, runs, "unchanged");
      LoadSuiteIT.assertPassed(unchanged);
      assertThat(unchanged.record().thresholds()).filteredOn(t -> t.name().startsWith("calibrated: ")).isNotEmpty();

      ScenarioSpec slowed = spec.withRegressions(Regressions.parse(Map.of("activity_slowdown", "2.0")));
      RunOutcome regressed = run(new LoadRun(System.out, calibration), slowed, server, runs, "slowed");
      assertThat(regressed.exitCode()).isEqualTo(RunOutcome.BREACH);
      assertThat(regressed.breaches()).extracting(Threshold::name)
          .anyMatch(name -> name.startsWith("calibrated: "));
    }
  }

  private static RunOutcome run(LoadRun run, ScenarioSpec spec, ServerEnvironment server, Path runs, String label)
      throws java.io.IOException {
    return run.execute(RunPlan.create(spec, runs, label, Duration.ofSeconds(5)), server);
  }
}
