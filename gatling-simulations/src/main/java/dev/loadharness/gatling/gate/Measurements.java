package dev.loadharness.gatling.gate;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.scenarios.spec.Metric;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Everything the gate judges, merged from the driver's ledger (start, end-to-end, outcomes) and the
 * workers' metrics (poll, schedule-to-start, sticky cache) and the worker processes' fate (deaths).
 * Histograms are in microseconds. For a deployed fleet the worker latencies are not samples but scraped
 * buckets: {@code scraped} holds the upper bound of each p95, read where the exact histogram is empty.
 */
public record Measurements(
    RunLedger.Counts counts,
    Histogram start,
    Histogram endToEnd,
    Histogram poll,
    Histogram workflowScheduleToStart,
    Histogram activityScheduleToStart,
    long stickyHits,
    long stickyMisses,
    int workerDeaths,
    java.util.Map<Metric, Double> scraped,
    java.util.Map<String, Histogram> probes) {

  public Measurements {
    scraped = scraped == null ? java.util.Map.of() : java.util.Map.copyOf(scraped);
    probes = probes == null ? java.util.Map.of() : java.util.Map.copyOf(probes);
  }

  /** Measurements without the workload kinds' probe latencies ({@code RunLedger.probe}). */
  public Measurements(RunLedger.Counts counts, Histogram start, Histogram endToEnd, Histogram poll,
      Histogram workflowScheduleToStart, Histogram activityScheduleToStart, long stickyHits, long stickyMisses,
      int workerDeaths, java.util.Map<Metric, Double> scraped) {
    this(counts, start, endToEnd, poll, workflowScheduleToStart, activityScheduleToStart, stickyHits, stickyMisses,
        workerDeaths, scraped, java.util.Map.of());
  }

  /** A copy with the probe latencies (microseconds, by name) the driver recorded. */
  public Measurements withProbes(java.util.Map<String, Histogram> latencies) {
    return new Measurements(counts, start, endToEnd, poll, workflowScheduleToStart, activityScheduleToStart, stickyHits,
        stickyMisses, workerDeaths, scraped, latencies);
  }

  /** Measurements of the harness's own workers: exact histograms only. */
  public Measurements(RunLedger.Counts counts, Histogram start, Histogram endToEnd, Histogram poll,
      Histogram workflowScheduleToStart, Histogram activityScheduleToStart, long stickyHits, long stickyMisses,
      int workerDeaths) {
    this(counts, start, endToEnd, poll, workflowScheduleToStart, activityScheduleToStart, stickyHits, stickyMisses,
        workerDeaths, java.util.Map.of());
  }

  /** The value of {@code metric}, or empty when nothing was measured (a bar cannot pass on no data). */
  public Optional<Double> value(Metric metric) {
    return switch (metric) {
      case POLL_P95_MS -> p(poll, 95).or(() -> Optional.ofNullable(scraped.get(metric)));
      case WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS -> p(workflowScheduleToStart, 95)
          .or(() -> Optional.ofNullable(scraped.get(metric)));
      case ACTIVITY_SCHEDULE_TO_START_P95_MS -> p(activityScheduleToStart, 95)
          .or(() -> Optional.ofNullable(scraped.get(metric)));
      case START_P95_MS -> p(start, 95);
      case END_TO_END_P50_MS -> p(endToEnd, 50);
      case END_TO_END_P95_MS -> p(endToEnd, 95);
      case END_TO_END_P99_MS -> p(endToEnd, 99);
      case STICKY_HIT_RATIO -> stickyHits + stickyMisses == 0
          ? Optional.empty()
          : Optional.of(stickyHits / (double) (stickyHits + stickyMisses));
      case FAILED -> Optional.of((double) counts.failed());
      case TIMED_OUT -> Optional.of((double) counts.timedOut());
      case UNACCOUNTED -> Optional.of((double) counts.unaccounted());
      case COMPLETED_RATIO -> counts.started() == 0
          ? Optional.empty()
          : Optional.of(counts.completed() / (double) counts.started());
      case DURATION_S -> Optional.of(counts.lastOutcomeS());
      case THROUGHPUT_WPS -> Optional.of(throughput());
      case WORKER_DEATHS -> Optional.of((double) workerDeaths);
      case WAKE_UP_P95_MS -> probe(RunLedger.PROBE_WAKE_UP, 95);
      case SCHEDULE_FIRE_DELAY_P95_MS -> probe(RunLedger.PROBE_SCHEDULE_FIRE_DELAY, 95);
    };
  }

  /** Completed workflows per second of the run (first start to last outcome). */
  public double throughput() {
    return counts.lastOutcomeS() <= 0 ? 0 : counts.completed() / counts.lastOutcomeS();
  }

  private Optional<Double> probe(String name, double percentile) {
    Histogram h = probes.get(name);
    return h == null ? Optional.empty() : p(h, percentile);
  }

  private static Optional<Double> p(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Optional.empty() : Optional.of(h.getValueAtPercentile(percentile) / 1000.0);
  }
}
