package dev.loadharness.reports.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {

  @TempDir Path dir;

  static RunRecord sample() {
    Histogram h = new Histogram(3_600_000_000L, 3);
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      h.recordValue(2_000 + (long) (Math.abs(random.nextGaussian()) * 8_000));
    }
    return RunRecord.builder()
        .runId("20261123T020000Z-worker-load-128")
        .scenario("worker-load-128")
        .startedAt(Instant.parse("2026-11-23T02:00:00Z"))
        .git(new GitInfo("c5acddc", true))
        .environment(new Environment("dev-server", "1.32.0", "17.0.12", 2, 512L << 20, "ci-host"))
        .runtimeSetting("max_concurrent_workflow_task_pollers", 4)
        .load(LoadSummary.of(128, 127, 0, 1, 0, 60.0))
        .latency(RunRecord.LATENCY_END_TO_END, LatencySummary.fromHistogram(h, TimeUnit.MICROSECONDS))
        .sticky(StickyCache.of(900, 100))
        .resources(new Resources(80, 150, 200L << 20, 120, 15, 4.25, 1.5))
        .series(new TimeSeries(1, List.of(1.0, 2.0), Map.of(SeriesColumn.THROUGHPUT_WPS.id(), List.of(2.0, 2.2))))
        .threshold(Threshold.evaluate("poll_p95_ms < 5000", "poll_p95_ms", Threshold.Op.LT, 5000, 120.0, ""))
        .artifact(RunRecord.ARTIFACT_GATLING_REPORT, "gatling/index.html")
        .build();
  }

  @Test
  void writesSnakeCaseAndReadsBackEqual() throws Exception {
    RunRecord record = sample();
    Path file = dir.resolve("run.json");
    RunRecords.write(file, record);
    String json = Files.readString(file);
    assertThat(json).contains("\"run_id\"", "\"started_at\" : \"2026-11-23T02:00:00Z\"", "\"latency_ms\"",
        "\"throughput_wps\"", "\"timed_out\"", "\"server_kind\"", "\"verdict\" : \"pass\"");
    assertThat(RunRecords.read(dir)).isEqualTo(record);
  }

  @Test
  void cpuPerWorkflowIsWrittenAndARecordWithoutItReadsAsNull() throws Exception {
    String json = RunRecords.toJson(sample());
    assertThat(json).contains("\"worker_cpu_ms_per_workflow\" : 4.25", "\"worker_jit_cpu_ms_per_workflow\" : 1.5");
    assertThat(RunRecords.parse(Path.of("x"), json).resources().workerCpuMsPerWorkflowWithoutJit()).isEqualTo(2.75);
    RunRecord older = RunRecords.parse(Path.of("x"), json.replace("\"worker_cpu_ms_per_workflow\" : 4.25", "\"x\" : 0")
        .replace("\"worker_jit_cpu_ms_per_workflow\" : 1.5", "\"y\" : 0"));
    assertThat(older.resources().workerCpuMsPerWorkflow()).isNull();
    assertThat(older.resources().workerJitCpuMsPerWorkflow()).isNull();
    assertThat(older.resources().workerCpuMsPerWorkflowWithoutJit()).isNull();
    assertThat(older.resources().workerCpuPercentAvg()).isEqualTo(80.0);
  }

  @Test
  void aNegativeCpuPerWorkflowIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> new Resources(1, 1, 1, 1, 1, -0.5, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
  }

  @Test
  void histogramSurvivesTheRoundTrip() {
    LatencySummary latency = RunRecords.parse(Path.of("x"), RunRecords.toJson(sample()))
        .latencyMs().get(RunRecord.LATENCY_END_TO_END);
    Histogram decoded = latency.decodeHistogram();
    assertThat(decoded.getTotalCount()).isEqualTo(5_000);
    assertThat(decoded.getValueAtPercentile(99) / latency.histogramUnitsPerMs())
        .isEqualTo(latency.p99());
  }

  @Test
  void toleratesUnknownFields() {
    String json = RunRecords.toJson(sample()).replaceFirst("\\{", "{ \"added_later\": {\"x\": 1},");
    assertThat(RunRecords.parse(Path.of("run.json"), json).scenario()).isEqualTo("worker-load-128");
  }

  @Test
  void rejectsUnknownSchemaNamingFileAndVersion() {
    String json = RunRecords.toJson(sample()).replace("\"schema\" : 1", "\"schema\" : 2");
    assertThatThrownBy(() -> RunRecords.parse(Path.of("runs/a/run.json"), json))
        .isInstanceOf(RunRecordException.class)
        .hasMessageContaining("runs/a/run.json")
        .hasMessageContaining("unsupported run record schema 2")
        .hasMessageContaining("reads schema 1");
  }

  @Test
  void truncatedFileNamesFileAndPosition() throws Exception {
    String json = RunRecords.toJson(sample());
    Path file = dir.resolve("run.json");
    Files.writeString(file, json.substring(0, json.length() / 2));
    assertThatThrownBy(() -> RunRecords.read(file))
        .isInstanceOf(RunRecordException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void invalidFieldNamesThePath() {
    String json = RunRecords.toJson(sample()).replace("\"verdict\" : \"pass\"", "\"verdict\" : \"maybe\"");
    assertThatThrownBy(() -> RunRecords.parse(Path.of("run.json"), json))
        .hasMessageContaining("verdict")
        .hasMessageContaining("maybe");
  }

  @Test
  void validationErrorNamesTheJsonPath() {
    String json = RunRecords.toJson(sample()).replace("\"op\" : \"<\"", "\"op\" : \"lt\"");
    assertThatThrownBy(() -> RunRecords.parse(Path.of("run.json"), json))
        .hasMessageContaining("run.json: invalid run record at thresholds[0]")
        .hasMessageContaining("op must be one of < <= > >= ==, was \"lt\"");
  }

  @Test
  void emptyFileIsClear() {
    assertThatThrownBy(() -> RunRecords.parse(Path.of("run.json"), ""))
        .hasMessage("run.json: empty file; a run record must be a JSON object");
  }

  @Test
  void machineClassDefaultsToHostAndCpusAndCanBeSet() {
    assertThat(new Environment("dev-server", null, null, 4, 0, "runner-17").machine()).isEqualTo("runner-17-4cpu");
    Environment ci = Environment.ofHost("dev-server", "1.32.0", 1L << 30, Map.of(Environment.MACHINE_ENV, "gha-ubuntu"));
    assertThat(ci.machine()).isEqualTo("gha-ubuntu");
    assertThat(ci.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    String legacy = RunRecords.toJson(sample()).replaceAll(",\\s*\"machine\" : \"ci-host-2cpu\"", "");
    assertThat(legacy).doesNotContain("\"machine\"");
    assertThat(RunRecords.parse(Path.of("run.json"), legacy).environment().machine()).isEqualTo("ci-host-2cpu");
  }

  @Test
  void missingFileIsClear() {
    assertThatThrownBy(() -> RunRecords.read(dir.resolve("nope")))
        .isInstanceOf(RunRecordException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void artifactsMustBeRelative() {
    assertThatThrownBy(() -> sample().toBuilder().artifact("x", "/etc/passwd").build())
        .hasMessageContaining("artifacts.x must be relative");
    assertThatThrownBy(() -> sample().toBuilder().artifact("x", "../up").build())
        .hasMessageContaining("artifacts.x must be relative");
  }

  @Test
  void builderDerivesVerdictFromThresholds() {
    RunRecord failing = sample().toBuilder().verdict(null)
        .threshold(Threshold.evaluate("sticky_hit_ratio > 0.7", "sticky_hit_ratio", Threshold.Op.GT, 0.7, 0.5, "")).build();
    assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
  }
}
