package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.gate.Measurements;
import dev.loadharness.gatling.gate.QueueCounts;
import dev.loadharness.gatling.gate.SaturationRule;
import dev.loadharness.gatling.gate.VisibilityCheck;
import dev.loadharness.gatling.scrape.FleetScrape;
import dev.loadharness.gatling.scrape.ServerScrape;
import dev.loadharness.reports.record.Saturation;
import dev.loadharness.reports.record.ScrapedMetrics;
import dev.loadharness.reports.record.Resources;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TaskQueueCount;
import dev.loadharness.reports.record.TimeSeries;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.scenarios.server.ServerCapability;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.worker.IntervalFiles;
import dev.loadharness.scenarios.worker.WorkerFiles;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import dev.loadharness.scenarios.worker.WorkerProcesses;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The measurement phase, after injection: asks the server's visibility what is still running, stops the
 * workers (so they write their final figures), and merges driver and worker figures into what the judge
 * reads and the record keeps.
 */
final class Measurement {
  /** Workers write a sample each second; a loaded machine may delay one, not by seconds. */
  private static final java.time.Duration SAMPLE_WAIT = java.time.Duration.ofSeconds(3);

  private Measurement() {}

  /**
   * What was measured.
   *
   * @param measurements what the judge reads
   * @param visibility the server's count of still-running workflows, where it can count
   * @param series driver and worker columns on one time axis
   * @param resources worker CPU, heap and GC, when any worker reported
   * @param events worker deaths and the planned faults of the injection
   * @param workers how many worker processes ran
   * @param workerScrape a deployed fleet's scraped metrics, when the run drove one with endpoints
   * @param serverMetrics the server's scraped metrics, when its endpoint is known
   * @param saturation which side saturated first, by {@link SaturationRule}
   * @param taskQueues the server's count per task queue of a run on several queues; empty for one queue, or where
   *     the server cannot count
   */
  record Result(Measurements measurements, Optional<VisibilityCheck.Result> visibility, TimeSeries series,
      Optional<Resources> resources, List<RunEvent> events, int workers, Optional<ScrapedMetrics> workerScrape,
      Optional<ScrapedMetrics> serverMetrics, Saturation saturation, List<TaskQueueCount> taskQueues) {}

  static Result run(RunPlan plan, ServerEnvironment server, WorkflowClient client, WorkerProcesses workers,
      List<WorkerMetricsSnapshot> warmUpBaseline, Injection.Result injection, Scrapes scrapes) {
    RunLedger.Counts counts = injection.totals().counts();
    // After an abort the server may be gone, and in-flight workflows are unaccounted by definition.
    Optional<VisibilityCheck.Result> visibility = injection.aborted().isEmpty()
        && server.capabilities().contains(ServerCapability.VISIBILITY_COUNT)
        ? VisibilityCheck.run(client, plan.idPrefix(), counts)
        : Optional.empty();
    List<TaskQueueCount> queues = plan.taskQueues().size() > 1 && injection.aborted().isEmpty()
        && server.capabilities().contains(ServerCapability.VISIBILITY_COUNT)
        ? QueueCounts.of(client, plan.idPrefix(), plan.taskQueues(), counts)
        : List.of();
    List<WorkerProcesses.Death> deaths = workers.deaths();
    DriverSeries.Samples driven = injection.series();
    long fromMs = driven.wallMs().isEmpty() ? 0 : driven.wallMs().get(0) - Math.round(driven.elapsed().get(0) * 1000);
    long toMs = driven.wallMs().isEmpty() ? System.currentTimeMillis() : driven.wallMs().get(driven.wallMs().size() - 1);
    awaitSampleAtOrAfter(workers, toMs);
    workers.close();
    scrapes.close();
    List<WorkerMetricsSnapshot> snapshots = workers.snapshots();
    List<WorkerMetricsSnapshot> measured = WorkerMetricsSnapshot.minus(snapshots, warmUpBaseline);
    List<Long> ticks = injection.series().wallMs();
    Optional<FleetScrape.Result> fleet = scrapes.fleet().map(s -> FleetScrape.of(s.scrapes(), s.failures(),
        s.lastError(), scrapes.measuredFromMs(), ticks));
    Optional<ServerScrape.Result> serverScrape = scrapes.server().map(s -> ServerScrape.of(s.urls().get(0),
        s.scrapes().get(s.urls().get(0)), s.failures(), s.lastError(), scrapes.measuredFromMs(), ticks));
    long hits = measured.stream().mapToLong(w -> w.counter(MetricNames.SDK_STICKY_HIT)).sum()
        + fleet.map(FleetScrape.Result::stickyHits).orElse(0L);
    long misses = measured.stream().mapToLong(w -> w.counter(MetricNames.SDK_STICKY_MISS)).sum()
        + fleet.map(FleetScrape.Result::stickyMisses).orElse(0L);
    Map<String, Histogram> latencies = latencies(workers.files(), measured);
    Measurements m = new Measurements(counts, injection.totals().start(),
        injection.totals().endToEnd(), latency(latencies, MetricNames.POLL_LATENCY_MS),
        latency(latencies, MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START),
        latency(latencies, MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START), hits, misses, deaths.size(),
        fleet.map(FleetScrape.Result::gate).orElse(Map.of())).withProbes(injection.totals().probes());
    List<RunEvent> events = new ArrayList<>(injection.events());
    deaths.forEach(d -> events.add(new RunEvent(plan.secondsSinceStart(d.atMs()), RunEvent.WORKER_DIED, d.workerId(),
        "exit code " + d.exitCode() + (d.exitCode() == 137 ? " (SIGKILL)" : ""))));
    events.sort(java.util.Comparator.comparingDouble(RunEvent::atS));
    // Each worker's metrics.jsonl, read once for the series and the CPU per workflow.
    List<List<IntervalFiles.Sample>> samples = workers.files().stream().map(f -> IntervalFiles.read(f.samples()))
        .toList();
    TimeSeries series = series(samples, injection.series(), fleet, serverScrape);
    // Past the spec's warm_up, as the latencies are: the CPU from its end over the workflows started after it that
    // completed (the end-to-end histogram's count), so a JVM still compiling its first minutes is left out too.
    long warmUpMs = plan.spec().warmUp().toMillis();
    long cpuFromMs = warmUpMs == 0 ? fromMs : Math.max(fromMs, injection.totals().firstStartWallMs() + warmUpMs);
    long cpuWorkflows = warmUpMs == 0 ? counts.completed() : injection.totals().endToEnd().getTotalCount();
    Optional<Double> cpuPerWorkflow = WorkerSeries.cpuMsPerWorkflow(samples, cpuFromMs, toMs, cpuWorkflows);
    Optional<Double> jitPerWorkflow = WorkerSeries.jitCpuMsPerWorkflow(samples, cpuFromMs, toMs, cpuWorkflows);
    return new Result(m, visibility, series, resources(snapshots, cpuPerWorkflow, jitPerWorkflow), events, workers.files().size(),
        fleet.map(FleetScrape.Result::metrics), serverScrape.map(ServerScrape.Result::metrics),
        SaturationRule.judge(series), queues);
  }

  private static TimeSeries series(List<List<IntervalFiles.Sample>> workerSamples, DriverSeries.Samples driver,
      Optional<FleetScrape.Result> fleet, Optional<ServerScrape.Result> server) {
    Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
    columns.putAll(driver.columns());
    columns.putAll(WorkerSeries.columns(workerSamples, driver.wallMs()));
    // A deployed fleet's columns come from scraping only: the harness has no worker files of it.
    fleet.ifPresent(f -> columns.putAll(f.columns()));
    server.ifPresent(s -> columns.putAll(s.columns()));
    return TimeSeries.of(driver.intervalS(), driver.elapsed(), columns);
  }

  /**
   * Every worker's latencies after its warm-up, merged per metric: each worker's interval log read from the
   * offset its measured snapshot names (the whole log for a worker without one).
   */
  private static Map<String, Histogram> latencies(List<WorkerFiles> files, List<WorkerMetricsSnapshot> measured) {
    Map<String, Long> from = new HashMap<>();
    measured.forEach(w -> from.put(w.workerId(), w.intervalsOffset()));
    Map<String, Histogram> merged = new HashMap<>();
    for (WorkerFiles f : files) {
      IntervalFiles.histograms(f.intervals(), from.getOrDefault(f.workerId(), 0L))
          .forEach((name, h) -> merged.computeIfAbsent(name, n -> new Histogram(3)).add(h));
    }
    return merged;
  }

  private static Histogram latency(Map<String, Histogram> latencies, String name) {
    return latencies.getOrDefault(name, new Histogram(3));
  }

  /**
   * Worker CPU as a share of one core over each worker's uptime; the GC "max" is the largest per-worker
   * total pause, an upper bound, since the workers report totals only.
   */
  private static Optional<Resources> resources(List<WorkerMetricsSnapshot> workers, Optional<Double> cpuPerWorkflow,
      Optional<Double> jitPerWorkflow) {
    if (workers.isEmpty()) {
      return Optional.empty();
    }
    double[] cpu = workers.stream()
        .mapToDouble(w -> w.uptimeMs() == 0 ? 0 : 100.0 * w.processCpuMs() / w.uptimeMs()).toArray();
    return Optional.of(new Resources(
        java.util.Arrays.stream(cpu).average().orElse(0),
        java.util.Arrays.stream(cpu).max().orElse(0),
        workers.stream().mapToLong(WorkerMetricsSnapshot::heapUsedMaxBytes).max().orElse(0),
        workers.stream().mapToLong(WorkerMetricsSnapshot::gcPauseTotalMs).sum(),
        workers.stream().mapToLong(WorkerMetricsSnapshot::gcPauseTotalMs).max().orElse(0),
        cpuPerWorkflow.orElse(null), cpuPerWorkflow.flatMap(c -> jitPerWorkflow).orElse(null)));
  }

  /**
   * Waits (at most {@link #SAMPLE_WAIT}) until every worker has written a per-second sample at or after
   * {@code endMs}, so the CPU per workflow ends at a regular sample, not at the one a worker writes after its
   * shutdown (which holds the drain's CPU too).
   */
  private static void awaitSampleAtOrAfter(WorkerProcesses workers, long endMs) {
    long deadline = System.currentTimeMillis() + SAMPLE_WAIT.toMillis();
    while (System.currentTimeMillis() < deadline && !workers.files().stream().allMatch(f -> {
      List<IntervalFiles.Sample> samples = IntervalFiles.read(f.samples());
      return !samples.isEmpty() && samples.get(samples.size() - 1).tsMs() >= endMs;
    })) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
