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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calibrated gate, both ways, with its baseline measured in the same run (the machine's load drifts;
 * a calibration from another hour would judge the machine, not the code): after one run on the fresh dev server
 * that calibrates nothing, three unchanged runs of worker-load-128 on it calibrate the bars, then a fourth
 * unchanged run must pass them, a run with activities 2x slower must fail one, named, and a run with +100 ms per
 * workflow task must fail the end-to-end median's.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class SensitivityIT {
  private static final List<String> ROBUST = List.of(Metric.END_TO_END_P95_MS.id(), Metric.END_TO_END_P99_MS.id(),
      Metric.DURATION_S.id(), Metric.THROUGHPUT_WPS.id());

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void theCalibratedGatePassesUnchangedCodeAndFailsATwofoldActivitySlowdown() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TEMPORAL_SERVER", "dev-server");
    SettingSource source = new SettingSource(env, new Properties());
    SystemProbes probes = new SystemProbes(source);
    Assumptions.assumeTrue(probes.temporalCli().isPresent(), "the Temporal CLI (dev server) is not installed");
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    Path runs = LoadSuiteIT.RUNS;
    try (ServerEnvironment server = new ServerEnvironments(source, probes).open(runs.resolve("sensitivity-server"))) {
      // A first run on the fresh dev server that calibrates nothing: in one CI run the first run's end-to-end median
      // was 1814 ms against the next two's 997 and 972 (no such outlier in earlier runs here; the cause is not
      // known), and the bars, derived from the worst run, were then wide enough for a +50 ms delay run to pass.
      RunOutcome warm = run(new LoadRun(System.out), spec, server, runs, "warm-up");
      assertThat(warm.record()).as(warm.message()).isNotNull();
      List<Map<Metric, Double>> clean = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        RunOutcome outcome = run(new LoadRun(System.out), spec, server, runs, "calibrate-" + i);
        assertThat(outcome.record()).as(outcome.message()).isNotNull();
        clean.add(CalibrateMain.values(outcome.record()));
      }
      Calibration calibration = Calibration.derive(spec.name(), server.kind().id(),
          Runtime.getRuntime().availableProcessors(), "in this test", clean);

      // Three runs are few for the millisecond-scale schedule-to-start bars (a scheduling hiccup moves them),
      // so the check in both directions is on the bars a 2x activity slowdown must move: end to end,
      // duration, throughput. scripts/sensitivity measures every bar over many runs.
      RunOutcome unchanged = run(new LoadRun(System.out, calibration), spec, server, runs, "unchanged");
      assertThat(unchanged.record().thresholds()).as(unchanged.runDirectory().toString())
          .filteredOn(t -> !t.name().startsWith("calibrated: ") || ROBUST.stream().anyMatch(t.metric()::equals))
          .isNotEmpty().allMatch(Threshold::pass);

      ScenarioSpec slowed = spec.withRegressions(Regressions.parse(Map.of("activity_slowdown", "2.0")));
      RunOutcome regressed = run(new LoadRun(System.out, calibration), slowed, server, runs, "slowed");
      assertThat(regressed.exitCode()).isEqualTo(RunOutcome.BREACH);
      assertThat(regressed.breaches()).as(regressed.runDirectory().toString())
          .anyMatch(t -> t.name().startsWith("calibrated: ") && ROBUST.contains(t.metric()));

      // +100 ms held on every workflow task's completion: slots never queue at this load, so only the
      // end-to-end median moves; its calibrated bar must name it. The bar is max(1.1 x worst, 1.2 x median) of the
      // calibration runs, so the gate resolves about +20% of the median: +50 ms a task moved it +18-35% with the
      // machine's speed that hour (870 -> 1030 ms against a bar of 1058 in one CI run), at the bar's edge.
      ScenarioSpec delayed = spec.withRegressions(Regressions.parse(Map.of("workflow_task_delay_ms", "100")));
      RunOutcome slowTasks = run(new LoadRun(System.out, calibration), delayed, server, runs, "task-delay");
      assertThat(slowTasks.exitCode()).as(slowTasks.runDirectory().toString()).isEqualTo(RunOutcome.BREACH);
      assertThat(slowTasks.breaches()).as(slowTasks.runDirectory().toString())
          .anyMatch(t -> t.name().startsWith("calibrated: ") && t.metric().equals(Metric.END_TO_END_P50_MS.id()));
    }
  }

  private static RunOutcome run(LoadRun run, ScenarioSpec spec, ServerEnvironment server, Path runs, String label)
      throws java.io.IOException {
    return run.execute(RunPlan.create(spec, runs, label, Duration.ofSeconds(5)), server);
  }
}
