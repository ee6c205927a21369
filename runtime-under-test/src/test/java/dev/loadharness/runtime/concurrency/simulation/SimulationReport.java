package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs every policy on every scenario with one seed and formats the results as a Markdown table. */
final class SimulationReport {

  static final long SEED = 20_261_123L;

  private SimulationReport() {}

  /** The policies compared: the plan's default fixed limit, the SDK's default maximum, and ours. */
  static List<ConcurrencyPolicy> policies() {
    return List.of(
        ConcurrencyPolicy.fixed(10),
        ConcurrencyPolicy.fixed(200),
        ConcurrencyPolicy.adaptive(new SlotLimits(10, 1, 200), VegasLimitSettings.defaults()));
  }

  static List<SimulationResult> runAll(long seed) {
    List<SimulationResult> results = new ArrayList<>();
    for (Scenario scenario : List.of(Scenario.steady(), Scenario.overload(), Scenario.slowDownstream())) {
      for (ConcurrencyPolicy policy : policies()) {
        results.add(new Simulator(seed).run(scenario, policy));
      }
    }
    return results;
  }

  static String markdown(List<SimulationResult> results, long seed) {
    StringBuilder out = new StringBuilder();
    out.append("Seed ").append(seed).append("; worker model USL S=100 ms, sigma=0.02, kappa=0.0004 (peak ")
        .append(fmt(Scenario.WORKER.peakThroughput(1))).append(" tasks/s).\n\n");
    out.append("| scenario | policy | throughput/s | phase throughput/s | limit min/mean/max | limit changes"
        + " | worst sts p95 ms | max backlog | recovery s |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (SimulationResult r : results) {
      Scenario s = r.scenario();
      String phase = s.phaseEnd() > s.phaseStart() ? fmt(r.throughput(s.phaseStart(), s.phaseEnd())) : "-";
      String recovery = s.phaseEnd() > s.phaseStart() ? recovery(r.recoverySeconds(50)) : "-";
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d/%s/%d | %d | %s | %d | %s |%n",
          s.name(), r.policy(), fmt(r.throughput()), phase, r.minLimit(), fmt(r.meanLimit()), r.maxLimit(),
          r.limitChanges(0, r.intervals().size()), fmt(r.worstScheduleToStartP95()), r.maxBacklog(), recovery));
    }
    return out.toString();
  }

  private static String recovery(int seconds) {
    return seconds < 0 ? "never" : Integer.toString(seconds);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
