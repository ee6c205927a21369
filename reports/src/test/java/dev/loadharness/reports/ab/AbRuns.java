package dev.loadharness.reports.ab;

import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.StickyCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test records for A/B comparisons: one fixture run with throughput and end-to-end latency set per run. */
public final class AbRuns {
  private AbRuns() {}

  /** A run with {@code throughput} wf/s and end-to-end p95 {@code p95Ms}; every other metric as fixture run 0. */
  public static RunRecord run(String id, double throughput, double p95Ms) {
    RunRecord base = Fixtures.run(0);
    LatencySummary e2e = new LatencySummary(500, p95Ms * 0.5, p95Ms * 0.9, p95Ms, p95Ms * 1.2, p95Ms * 1.5, null,
        "us");
    return base.toBuilder().runId(id).load(LoadSummary.of(500, 500, 0, 0, 0, 500 / throughput))
        .latency(RunRecord.LATENCY_END_TO_END, e2e).build();
  }

  /** Like {@link #run} with sticky hits out of 100 and workflow-task schedule-to-start p95 set too. */
  public static RunRecord run(String id, double throughput, double p95Ms, long stickyHits, double wftS2sP95) {
    LatencySummary s2s = new LatencySummary(2000, wftS2sP95 / 2, wftS2sP95 * 0.9, wftS2sP95, wftS2sP95 * 1.1,
        wftS2sP95 * 2, null, "us");
    return run(id, throughput, p95Ms).toBuilder().sticky(StickyCache.of(stickyHits, 100 - stickyHits))
        .latency(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, s2s).build();
  }

  /**
   * {@code rounds} paired rounds: base at 20 wf/s and 800 ms p95 with 2% noise; head's throughput and p95 the
   * base's of the same round times the given factor of that round (cycled) and its own 1% noise. Seeded.
   */
  public static List<AbComparison.Pair> rounds(int rounds, double[] throughputFactor, double[] p95Factor) {
    Random random = new Random(7);
    List<AbComparison.Pair> pairs = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      double drift = 1 + 0.02 * random.nextGaussian();
      double baseThroughput = 20 * drift;
      double baseP95 = 800 / drift;
      RunRecord base = run("base-" + r, baseThroughput, baseP95);
      RunRecord head = run("head-" + r,
          baseThroughput * throughputFactor[(r - 1) % throughputFactor.length] * (1 + 0.01 * random.nextGaussian()),
          baseP95 * p95Factor[(r - 1) % p95Factor.length] * (1 + 0.01 * random.nextGaussian()));
      pairs.add(new AbComparison.Pair(r, head, base));
    }
    return pairs;
  }
}
