package dev.loadharness.gatling.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.gate.Check;
import dev.loadharness.gatling.gate.Measurements;
import dev.loadharness.gatling.gate.VisibilityCheck;
import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.GitInfo;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.Resources;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.StickyCache;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.TimeSeries;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.WorkerSettings;
import dev.loadharness.scenarios.worker.WorkerMetricsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the run directory: run.json (schema 1), report.html (the reviewers' page, rendered from
 * run.json by the reports module), driver.json, summary.md; Gatling's report is already there.
 */
final class RunArtifacts {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunArtifacts() {}

  /** What a finished run hands to the writer. */
  record Inputs(Path runDir, ScenarioSpec spec, ServerEnvironment server, Instant startedAt, Measurements m,
      List<Check> checks, List<WorkerMetricsSnapshot> workers, Map<String, Long> failureCauses, Progress progress,
      LoadRunner.DriverCpu driverCpu, Optional<VisibilityCheck.Result> visibility) {}

  static void write(Inputs in) {
    try {
      Map<String, String> artifacts = new LinkedHashMap<>();
      gatlingReport(in.runDir()).ifPresent(p -> artifacts.put(RunRecord.ARTIFACT_GATLING_REPORT, p));
      for (int i = 0; i < in.workers().size(); i++) {
        String id = in.workers().get(i).workerId();
        artifacts.put("worker_metrics_" + id, "workers/" + id + "/" + WorkerMetricsSnapshot.FILE);
        artifacts.put("worker_log_" + id, "workers/" + id + "/worker.log");
        artifacts.put("worker_intervals_" + id, "workers/" + id + "/intervals.hlog");
        artifacts.put("worker_jsonl_" + id, "workers/" + id + "/metrics.jsonl");
      }
      artifacts.put("driver", "driver.json");
      artifacts.put("summary", "summary.md");
      artifacts.put("report", RunReport.FILE_NAME);
      JSON.writeValue(in.runDir().resolve("driver.json").toFile(), driverJson(in));
      RunRecord run = record(in, artifacts);
      RunRecords.write(in.runDir().resolve(RunRecords.FILE_NAME), run);
      // No baseline here: comparing with earlier runs is the trend store's job (scripts/report --trend).
      RunReport.write(in.runDir(), run, null);
      Files.writeString(in.runDir().resolve("summary.md"), summary(in, artifacts));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run directory " + in.runDir(), e);
    }
  }

  private static Map<String, Object> driverJson(Inputs in) {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("cpu_ms", in.driverCpu().cpuMs());
    driver.put("wall_ms", in.driverCpu().wallMs());
    driver.put("cpu_percent_of_one_core", in.driverCpu().percentOfOneCore());
    driver.put("cpus", in.driverCpu().cpus());
    driver.put("includes_in_memory_server", in.server().kind().id().equals("in-memory"));
    driver.put("failure_causes", in.failureCauses());
    in.visibility().ifPresent(v -> driver.put("visibility_running", v.running()));
    return driver;
  }

  private static RunRecord record(Inputs in, Map<String, String> artifacts) {
    Measurements m = in.m();
    RunLedger.Counts c = m.counts();
    WorkerSettings w = in.spec().workers();
    RunRecord.Builder b = RunRecord.builder()
        .runId(in.runDir().getFileName().toString())
        .scenario(in.spec().name())
        .startedAt(in.startedAt())
        .git(Git.info())
        .environment(Environment.ofThisHost(in.server().kind().id(), in.server().serverVersion(),
            Runtime.getRuntime().maxMemory()))
        .runtimeSetting("mode", w.runtime().id())
        .runtimeSetting("worker_processes", w.processes())
        .runtimeSetting("workflow_slots", w.workflowSlots())
        .runtimeSetting("activity_slots", w.activitySlots())
        .runtimeSetting("workflow_pollers", w.workflowPollers())
        .runtimeSetting("activity_pollers", w.activityPollers())
        .runtimeSetting("cache_size", w.cacheSize())
        .workload(RecordedWorkload.of(in.spec()))
        .load(new LoadSummary(c.started(), c.completed(), c.failed(), c.timedOut(), c.unaccounted(),
            c.lastOutcomeS(), m.throughput()))
        .latency(RunRecord.LATENCY_START, LatencySummary.fromHistogram(m.start(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_END_TO_END, LatencySummary.fromHistogram(m.endToEnd(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_POLL, LatencySummary.fromHistogram(m.poll(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START,
            LatencySummary.fromHistogram(m.workflowScheduleToStart(), TimeUnit.MICROSECONDS))
        .latency(RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START,
            LatencySummary.fromHistogram(m.activityScheduleToStart(), TimeUnit.MICROSECONDS))
        .series(new TimeSeries(in.progress().elapsed().isEmpty() ? 1.0 : intervalS(in.progress()),
            in.progress().elapsed(), series(in)))
        .verdict(in.checks().stream().allMatch(Check::pass) ? Verdict.PASS : Verdict.FAIL);
    if (m.stickyHits() + m.stickyMisses() > 0) {
      b.sticky(StickyCache.of(m.stickyHits(), m.stickyMisses()));
    }
    resources(in.workers()).ifPresent(b::resources);
    for (Check check : in.checks()) {
      b.threshold(new Threshold(check.name(), check.metric(), check.op(), check.limit(), check.actual(), check.pass()));
    }
    artifacts.forEach(b::artifact);
    return b.build();
  }

  /** The driver's own columns plus what the workers recorded each second (pollers, sticky hit ratio). */
  private static Map<String, List<Double>> series(Inputs in) {
    Map<String, List<Double>> series = new LinkedHashMap<>(in.progress().series());
    List<Path> jsonl = in.workers().stream()
        .map(w -> in.runDir().resolve("workers").resolve(w.workerId()).resolve("metrics.jsonl"))
        .toList();
    series.putAll(WorkerSeries.columns(jsonl, in.progress().wallMs()));
    return series;
  }

  private static double intervalS(Progress progress) {
    List<Double> t = progress.elapsed();
    return t.size() < 2 ? Math.max(0.001, t.get(0)) : Math.max(0.001, (t.get(t.size() - 1) - t.get(0)) / (t.size() - 1));
  }

  /**
   * Worker CPU as a share of one core over each worker's uptime; the GC "max" is the largest per-worker
   * total pause, an upper bound, since the workers report totals only.
   */
  private static Optional<Resources> resources(List<WorkerMetricsSnapshot> workers) {
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
        workers.stream().mapToLong(WorkerMetricsSnapshot::gcPauseTotalMs).max().orElse(0)));
  }

  private static Optional<String> gatlingReport(Path runDir) throws IOException {
    Path gatling = runDir.resolve("gatling");
    if (!Files.isDirectory(gatling)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(gatling, 2)) {
      return files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst()
          .map(p -> runDir.relativize(p).toString());
    }
  }

  private static String summary(Inputs in, Map<String, String> artifacts) {
    Measurements m = in.m();
    RunLedger.Counts c = m.counts();
    boolean pass = in.checks().stream().allMatch(Check::pass);
    StringBuilder s = new StringBuilder();
    s.append("# ").append(in.spec().name()).append(": ").append(pass ? "PASS" : "FAIL").append("\n\n");
    s.append(in.spec().description()).append("\n\n");
    s.append(String.format(Locale.ROOT, "- server: %s %s at %s%n", in.server().kind().id(),
        in.server().serverVersion(), in.server().target()));
    WorkerSettings w = in.spec().workers();
    s.append(String.format(Locale.ROOT, "- workers: %d process(es), %s, slots %d/%d, pollers %d/%d, cache %d%n",
        w.processes(), w.runtime().id(), w.workflowSlots(), w.activitySlots(), w.workflowPollers(),
        w.activityPollers(), w.cacheSize()));
    s.append(String.format(Locale.ROOT, "- workflows: started %d = completed %d + failed %d + timed out %d + "
        + "unaccounted %d; %.1f s, %.2f wf/s%n", c.started(), c.completed(), c.failed(), c.timedOut(),
        c.unaccounted(), c.lastOutcomeS(), m.throughput()));
    s.append(String.format(Locale.ROOT, "- sticky cache: %d hits, %d misses%n", m.stickyHits(), m.stickyMisses()));
    s.append(String.format(Locale.ROOT, "- load driver CPU: %.0f ms over %.1f s = %.1f%% of one core (%d cpus)%s%n",
        in.driverCpu().cpuMs(), in.driverCpu().wallMs() / 1000, in.driverCpu().percentOfOneCore(),
        in.driverCpu().cpus(), in.server().kind().id().equals("in-memory")
            ? "; includes the in-memory server, which runs in the driver JVM" : ""));
    s.append("\n## Checks\n\n```\n");
    in.checks().forEach(check -> s.append(check.line()).append('\n'));
    s.append("```\n\n## Latency (ms)\n\n| metric | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    row(s, "start", m.start());
    row(s, "end_to_end", m.endToEnd());
    row(s, "poll (successful)", m.poll());
    row(s, "workflow task schedule-to-start", m.workflowScheduleToStart());
    row(s, "activity schedule-to-start (SDK 1.38 may record a task twice)", m.activityScheduleToStart());
    if (!in.failureCauses().isEmpty()) {
      s.append("\n## Failures by cause\n\n");
      in.failureCauses().forEach((cause, n) -> s.append("- ").append(n).append(" x ").append(cause).append('\n'));
    }
    s.append("\n## Artifacts\n\n");
    artifacts.forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, org.HdrHistogram.Histogram h) {
    if (h.getTotalCount() == 0) {
      s.append("| ").append(name).append(" | 0 | | | | |\n");
      return;
    }
    s.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
  }
}
