package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.scenarios.worker.IntervalFiles;
import dev.loadharness.scenarios.worker.IntervalFiles.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSeriesTest {
  @TempDir Path dir;

  private List<Sample> jsonl(String name, String... lines) throws Exception {
    return IntervalFiles.read(Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n"));
  }

  /** A worker line as the adaptive runtime's worker writes it (limit and queue per slot kind). */
  private static String line(long ts, long cpuMs, int hits, int misses, double pollers, double activityLimit) {
    return "{\"ts_ms\":" + ts + ",\"cpu_ms\":" + cpuMs + ",\"jit_cpu_ms\":" + cpuMs / 2 + ",\"heap_used_bytes\":" + (64L << 20)
        + ",\"counters\":{\"temporal_sticky_cache_hit\":" + hits + ",\"temporal_sticky_cache_miss\":" + misses + "},"
        + "\"gauges\":{\"temporal_num_pollers{poller_type=workflow_task}\":" + pollers + ","
        + "\"temporal_num_pollers{poller_type=activity_task}\":1.0,"
        + "\"temporal_worker_concurrency_limit{slot_kind=activity}\":" + activityLimit + ","
        + "\"temporal_worker_concurrency_limit{slot_kind=workflow}\":10.0,"
        + "\"temporal_worker_queue_depth{slot_kind=activity,source=slot_reservations}\":4.0,"
        + "\"temporal_worker_queue_depth{slot_kind=activity,source=server}\":99.0}}";
  }

  @Test
  void linesUpTwoWorkersWithTheDriverTicks() throws Exception {
    List<Sample> a = jsonl("a.jsonl", line(1_000, 100, 0, 0, 2, 14), line(2_000, 600, 8, 2, 3, 20),
        line(3_000, 1100, 8, 2, 3, 22));
    List<Sample> b = jsonl("b.jsonl", line(1_500, 100, 0, 0, 2, 14), line(2_500, 350, 10, 0, 2, 16));

    Map<SeriesColumn, List<Double>> columns =
        WorkerSeries.columns(List.of(a, b), List.of(500L, 1_200L, 2_600L, 3_100L));

    // 500: nobody has reported yet; 1200: only a; 2600: a@2000 + b@2500; 3100: a@3000 + b@2500.
    assertThat(columns.get(SeriesColumn.POLLERS)).isEqualTo(Arrays.asList(null, 3.0, 4.0 + 3.0, 4.0 + 3.0));
    assertThat(columns.get(SeriesColumn.ACTIVITY_SLOT_LIMIT)).isEqualTo(Arrays.asList(null, 14.0, 36.0, 38.0));
    assertThat(columns.get(SeriesColumn.WORKFLOW_SLOT_LIMIT)).isEqualTo(Arrays.asList(null, 10.0, 20.0, 20.0));
    // Only reservations waiting count as the worker-side queue, not the server backlog the runtime also mirrors.
    assertThat(columns.get(SeriesColumn.SLOTS_WAITING)).isEqualTo(Arrays.asList(null, 4.0, 8.0, 8.0));
    // Interval to 2600: 18 new hits, 2 new misses -> 0.9; then no sticky traffic -> a gap, not 0.
    assertThat(columns.get(SeriesColumn.STICKY_HIT_RATIO)).isEqualTo(Arrays.asList(null, null, 0.9, null));
    // a: 500 ms CPU over 1000 ms = 50%; b was absent at 1200, so only a counts at 2600; at 3100 only a moved.
    assertThat(columns.get(SeriesColumn.WORKER_CPU_PERCENT)).isEqualTo(Arrays.asList(null, null, 50.0, 50.0));
    assertThat(columns.get(SeriesColumn.HEAP_USED_MB)).isEqualTo(Arrays.asList(null, 64.0, 128.0, 128.0));
  }

  @Test
  void cpuPerWorkflowSpansTheInjectionFromTheSampleBeforeItToTheSampleAfterIt() throws Exception {
    List<Sample> a = jsonl("a.jsonl", line(1_000, 100, 0, 0, 2, 14), line(2_000, 150, 0, 0, 2, 14),
        line(3_000, 650, 0, 0, 2, 14), line(4_000, 1150, 0, 0, 2, 14), line(5_000, 1160, 0, 0, 2, 14));
    List<Sample> b = jsonl("b.jsonl", line(1_500, 90, 0, 0, 2, 14), line(3_500, 290, 0, 0, 2, 14),
        line(4_500, 390, 0, 0, 2, 14));

    // Injection 2100..4000: a from 150 (at 2000) to 1150 (at 4000), b from 90 (at 1500) to 390 (at 4500).
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(a, b), 2_100, 4_000, 100)).contains((1000 + 300) / 100.0);
    // The compilers' part over the same window (these lines say half of the CPU so far was theirs).
    assertThat(WorkerSeries.jitCpuMsPerWorkflow(List.of(a, b), 2_100, 4_000, 100)).contains((500 + 150) / 100.0);
    // Nothing completed, or a worker without a sample after the end: no figure, not a made-up one.
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(a, b), 2_100, 4_000, 0)).isEmpty();
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(a, b), 2_100, 4_600, 100)).isEmpty();
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(a, b), 900, 4_000, 100)).isEmpty();
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(), 2_100, 4_000, 100)).isEmpty();
  }

  @Test
  void aWorkerThatDidNotReportItsCompilerThreadsGivesNoJitFigure() throws Exception {
    List<Sample> old = jsonl("o.jsonl", "{\"ts_ms\":1000,\"cpu_ms\":5,\"heap_used_bytes\":1,\"counters\":{},\"gauges\":{}}",
        "{\"ts_ms\":3000,\"cpu_ms\":25,\"heap_used_bytes\":1,\"counters\":{},\"gauges\":{}}");
    assertThat(old.get(0).jitCpuMs()).isEqualTo(-1);
    assertThat(WorkerSeries.cpuMsPerWorkflow(List.of(old), 1_000, 3_000, 10)).contains(2.0);
    assertThat(WorkerSeries.jitCpuMsPerWorkflow(List.of(old), 1_000, 3_000, 10)).isEmpty();
  }

  @Test
  void theSdkTunersLimitIsFreePlusUsedSlots() throws Exception {
    List<Sample> sdk = jsonl("s.jsonl", "{\"ts_ms\":1000,\"cpu_ms\":5,\"heap_used_bytes\":1,\"counters\":{},"
        + "\"gauges\":{\"temporal_worker_task_slots_available{worker_type=ActivityWorker}\":10.0,"
        + "\"temporal_worker_task_slots_used{worker_type=ActivityWorker}\":4.0,"
        + "\"temporal_worker_task_slots_used{worker_type=WorkflowWorker}\":1.0}}");
    Map<SeriesColumn, List<Double>> columns = WorkerSeries.columns(List.of(sdk), List.of(1_000L));
    assertThat(columns.get(SeriesColumn.ACTIVITY_SLOT_LIMIT)).containsExactly(14.0);
    assertThat(columns.get(SeriesColumn.SLOTS_USED)).containsExactly(5.0);
    assertThat(columns.get(SeriesColumn.SLOTS_WAITING)).containsExactly((Double) null);
  }

  @Test
  void noWorkerFilesMeansNoColumnsAndATruncatedLineIsSkipped() throws Exception {
    assertThat(WorkerSeries.columns(List.of(IntervalFiles.read(dir.resolve("missing.jsonl"))), List.of(1L))).isEmpty();
    assertThat(jsonl("k.jsonl", line(1_000, 1, 1, 0, 2, 14), "{\"ts_ms\":2000,\"count")).hasSize(1);
  }
}
