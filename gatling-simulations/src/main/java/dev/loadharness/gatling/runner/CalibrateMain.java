package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.Calibration;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/calibrate <scenario> --server kind --runs N}: runs the unchanged scenario N times against
 * one server, derives each calibrated metric's limit from the distribution ({@link Calibration}) and writes
 * it where the gate finds it. Exit 0 written, 2 when a run failed (a calibration from failed runs is none).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Measures a scenario's distributions on this machine and writes its calibrated gate limits.")
public final class CalibrateMain implements Callable<Integer> {
  @Parameters(index = "0", description = "scenario name or spec path") String scenario;
  @Option(names = "--server", defaultValue = "auto", description = "server kind; default ${DEFAULT-VALUE}") String server;
  @Option(names = "--runs", defaultValue = "20", description = "runs; default ${DEFAULT-VALUE}") int runs;
  @Option(names = "--out", defaultValue = "runs", description = "runs directory") Path out;
  @Option(names = "--write", defaultValue = "scenarios/src/main/resources/calibration",
      description = "calibration directory; default ${DEFAULT-VALUE}") Path write;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CalibrateMain()).execute(args));
  }

  @Override
  public Integer call() {
    if (runs < 3 || runs > 200) {
      System.out.println("--runs: " + runs + " is not allowed; 3 to 200 (at least 20 for a gate worth trusting)");
      return 2;
    }
    Signals.install(System.out);
    ScenarioSpec spec;
    try {
      spec = LoadRunner.loadSpec(RunOptions.of(scenario));
    } catch (SpecException e) {
      System.out.println(e.getMessage());
      return 2;
    }
    List<Map<Metric, Double>> values = new ArrayList<>();
    String kind;
    try (ServerEnvironment env = LoadRunner.openShared(spec, scenario, server, out.resolve("calibrate-server"))) {
      kind = env.kind().id();
      for (int i = 1; i <= runs && Signals.received().isEmpty(); i++) {
        System.out.println("=== calibration run " + i + "/" + runs);
        RunOutcome outcome = new LoadRun(System.out).execute(
            RunPlan.create(spec, out, "calibrate-" + i, Duration.ofSeconds(5)), env);
        if (outcome.record() == null || outcome.exitCode() == RunOutcome.ERROR) {
          System.out.println("ERROR: calibration run " + i + " did not complete: " + outcome.message());
          return 2;
        }
        values.add(values(outcome.record()));
      }
    } catch (Exception e) {
      System.out.println("ERROR: " + e.getMessage());
      return 2;
    }
    if (Signals.received().isPresent()) {
      return Signals.received().get().exitCode();
    }
    Calibration c = Calibration.derive(spec.name(), kind, Runtime.getRuntime().availableProcessors(),
        LocalDate.now().toString(), values);
    Path file = c.write(write);
    c.bars().forEach((metric, bar) -> System.out.printf("%-42s %s %-10s (median %s, worst %s)%n", metric, bar.op(),
        bar.limit(), bar.median(), bar.worst()));
    System.out.println("calibration: " + file);
    return 0;
  }

  /** The calibrated metrics as the run record holds them. */
  static Map<Metric, Double> values(RunRecord r) {
    Map<Metric, Double> v = new EnumMap<>(Metric.class);
    latency(r, RunRecord.LATENCY_END_TO_END).ifPresent(l -> {
      v.put(Metric.END_TO_END_P50_MS, l.p50());
      v.put(Metric.END_TO_END_P95_MS, l.p95());
      v.put(Metric.END_TO_END_P99_MS, l.p99());
    });
    latency(r, RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START)
        .ifPresent(l -> v.put(Metric.WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS, l.p95()));
    latency(r, RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START)
        .ifPresent(l -> v.put(Metric.ACTIVITY_SCHEDULE_TO_START_P95_MS, l.p95()));
    v.put(Metric.DURATION_S, r.load().durationS());
    v.put(Metric.THROUGHPUT_WPS, r.load().throughputWps());
    if (r.sticky() != null) {
      v.put(Metric.STICKY_HIT_RATIO, r.sticky().ratio());
    }
    return v;
  }

  private static Optional<LatencySummary> latency(RunRecord r, String name) {
    return Optional.ofNullable(r.latencyMs().get(name)).filter(l -> l.count() > 0);
  }
}
