package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSeriesTest {
  @TempDir Path dir;

  private Path jsonl(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static String line(long ts, int hits, int misses, double pollers) {
    return "{\"ts_ms\":" + ts + ",\"elapsed_s\":0,\"counters\":{\"temporal_sticky_cache_hit\":" + hits
        + ",\"temporal_sticky_cache_miss{workflow_type=X}\":" + misses + "},\"gauges\":{"
        + "\"temporal_num_pollers{workflow_task}\":" + pollers + ",\"temporal_num_pollers{activity_task}\":1.0}}";
  }

  @Test
  void linesUpTwoWorkersWithTheDriverTicks() throws Exception {
    Path a = jsonl("a.jsonl", line(1_000, 0, 0, 2), line(2_000, 8, 2, 3), line(3_000, 8, 2, 3));
    Path b = jsonl("b.jsonl", line(1_500, 0, 0, 2), line(2_500, 10, 0, 2));

    Map<String, List<Double>> columns = WorkerSeries.columns(List.of(a, b), List.of(500L, 1_200L, 2_600L, 3_100L));

    // 500: nobody has reported yet; 1200: only a; 2600: a@2000 + b@2500; 3100: a@3000 + b@2500.
    assertThat(columns.get(TimeSeries.POLLERS)).isEqualTo(Arrays.asList(null, 3.0, 4.0 + 3.0, 4.0 + 3.0));
    // Interval to 2600: 18 new hits, 2 new misses -> 0.9; then no sticky traffic -> a gap, not 0.
    assertThat(columns.get(TimeSeries.STICKY_HIT_RATIO)).isEqualTo(Arrays.asList(null, null, 0.9, null));
  }

  @Test
  void noWorkerFilesMeansNoColumnsAndATruncatedLineIsSkipped() throws Exception {
    assertThat(WorkerSeries.columns(List.of(dir.resolve("missing.jsonl")), List.of(1L))).isEmpty();
    Path killed = jsonl("k.jsonl", line(1_000, 1, 0, 2), "{\"ts_ms\":2000,\"count");
    assertThat(WorkerSeries.read(killed)).hasSize(1);
  }
}
