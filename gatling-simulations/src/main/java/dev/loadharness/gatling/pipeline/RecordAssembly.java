package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.gate.Judge;
import dev.loadharness.gatling.gate.Measurements;
import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.SharedMachine;
import dev.loadharness.reports.record.StickyCache;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.reports.run.RunSummary;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.WorkerSettings;
import dev.loadharness.scenarios.worker.WorkerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds the one {@link RunRecord} of a run, in memory, from the typed results of its phases. */
final class RecordAssembly {
  private RecordAssembly() {}

  /** The record's common part: identity, environment, effective settings. */
  static RunRecord.Builder base(RunPlan plan, ServerEnvironment server) {
    return base(plan, server.kind().id(), server.serverVersion());
  }

  /** The common part when no server is open (it failed to start): the kind that was asked for. */
  static RunRecord.Builder base(RunPlan plan, String serverKind, String serverVersion) {
    WorkerSettings w = plan.spec().effectiveWorkers();
    return RunRecord.builder()
        .runId(plan.runId())
        .scenario(plan.spec().name())
        .description(plan.spec().description())
        .workload(RecordedWorkload.of(plan.spec()))
        .startedAt(plan.startedAt())
        .git(plan.workerCode().revision().orElseGet(Git::info))
        .environment(Environment.ofThisHost(serverKind, serverVersion, Runtime.getRuntime().maxMemory()))
        .runtimeSetting("mode", w.runtime().id())
        .runtimeSetting("worker_processes", w.processes())
        .runtimeSetting("workflow_slots", w.workflowSlots())
        .runtimeSetting("activity_slots", w.activitySlots())
        .runtimeSetting("workflow_pollers", w.workflowPollers())
        .runtimeSetting("activity_pollers", w.activityPollers())
        .runtimeSetting("cache_size", w.cacheSize())
        .runtime(w.taskQueues() == 1 ? java.util.Map.of() : java.util.Map.of("task_queues", w.taskQueues()))
        .runtime(injected(plan))
        .artifact("summary", RunSummary.FILE_NAME)
        .artifact(RunRecord.ARTIFACT_HTML_REPORT, RunReport.FILE_NAME);
  }

  /**
   * The injected regressions as settings ({@code inject.<knob>}), so a trend never mixes them with clean runs;
   * and an external worker fleet's queue, since the worker settings recorded are then the spec's, not the fleet's.
   */
  private static java.util.Map<String, Object> injected(RunPlan plan) {
    java.util.Map<String, Object> settings = new java.util.TreeMap<>();
    plan.spec().inject().describe().forEach((k, v) -> settings.put("inject." + k, v));
    plan.workerQueue().ifPresent(q -> settings.put("external_worker_queue", q));
    return settings;
  }

  /** A measured run: load, latencies, sticky cache, resources, series, thresholds, events, artifacts. */
  static RunRecord measured(RunPlan plan, ServerEnvironment server, Injection.Result injection,
      Measurement.Result measured, List<Threshold> thresholds) {
    Measurements m = measured.measurements();
    RunLedger.Counts c = m.counts();
    RunRecord.Builder b = base(plan, server)
        .load(new LoadSummary(c.started(), c.completed(), c.failed(), c.timedOut(), c.unaccounted(),
            c.lastOutcomeS(), m.throughput()))
        .latency(RunRecord.LATENCY_START, LatencySummary.fromHistogram(m.start(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_END_TO_END, LatencySummary.fromHistogram(m.endToEnd(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_POLL, LatencySummary.fromHistogram(m.poll(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START,
            LatencySummary.fromHistogram(m.workflowScheduleToStart(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START,
            LatencySummary.fromHistogram(m.activityScheduleToStart(), TimeUnit.MICROSECONDS))
        .series(measured.series());
    // The workload kinds' own latencies (wake-ups, schedule fire delays), under their probe names.
    m.probes().forEach((name, h) -> b.latency(name, LatencySummary.fromHistogram(h, TimeUnit.MICROSECONDS)));
    b
        .driver(injection.driver())
        .failures(injection.totals().failures());
    if (m.stickyHits() + m.stickyMisses() > 0) {
      b.sticky(StickyCache.of(m.stickyHits(), m.stickyMisses()));
    }
    measured.resources().ifPresent(b::resources);
    measured.workerScrape().ifPresent(b::workerScrape);
    measured.serverMetrics().ifPresent(b::serverMetrics);
    b.saturation(measured.saturation());
    measured.taskQueues().forEach(b::taskQueue);
    measured.events().forEach(b::event);
    boolean calibrated = thresholds.stream().anyMatch(t -> t.name().startsWith(Judge.CALIBRATED_PREFIX));
    SharedMachine.event(plan.secondsSinceStart(System.currentTimeMillis()), measured.series(),
        Runtime.getRuntime().availableProcessors(), calibrated).ifPresent(b::event);
    thresholds.forEach(b::threshold);
    gatlingReport(plan.runDir()).ifPresent(p -> b.artifact(RunRecord.ARTIFACT_GATLING_REPORT, p));
    for (int i = 1; i <= measured.workers(); i++) {
      WorkerFiles f = WorkerFiles.of(plan.runDir(), "worker-" + i);
      String id = f.workerId();
      b.artifact("worker_metrics_" + id, f.relative(f.snapshot()));
      b.artifact("worker_log_" + id, f.relative(f.log()));
      b.artifact("worker_intervals_" + id, f.relative(f.intervals()));
      b.artifact("worker_jsonl_" + id, f.relative(f.samples()));
    }
    return b.build();
  }

  /** Writes run.json, report.html and summary.md: every file is rendered from {@code record}. */
  static void write(Path runDir, RunRecord record) {
    RunRecords.write(runDir.resolve(RunRecords.FILE_NAME), record);
    // No baseline here: comparing with earlier runs is the trend store's job (scripts/report --trend).
    RunReport.write(runDir, record, null);
    RunSummary.write(runDir, record);
  }

  private static Optional<String> gatlingReport(Path runDir) {
    Path gatling = runDir.resolve("gatling");
    if (!Files.isDirectory(gatling)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(gatling, 2)) {
      return files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst()
          .map(p -> runDir.relativize(p).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
