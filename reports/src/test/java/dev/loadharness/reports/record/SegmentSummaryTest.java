package dev.loadharness.reports.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentSummaryTest {
  @TempDir Path dir;

  @Test
  void aDistributedRunsSegmentsAreWrittenAndReadBackAndASingleRunHasNone() throws Exception {
    RunRecord single = RunRecordsTest.sample();
    RunRecord distributed = single.toBuilder()
        .segment(SegmentSummary.of("segment-1", 1, "driver-1@a/1", 20, 20, 0, 0, 0, 0, 8.0))
        .segment(SegmentSummary.of("segment-2", 2, "driver-3@c/3", 20, 19, 1, 0, 0, 8, 9.5))
        .build();

    RunRecords.write(dir.resolve("single.json"), single);
    RunRecords.write(dir.resolve("distributed.json"), distributed);

    assertThat(Files.readString(dir.resolve("single.json"))).doesNotContain("segments");
    assertThat(RunRecords.read(dir.resolve("single.json")).segments()).isEmpty();
    RunRecord read = RunRecords.read(dir.resolve("distributed.json"));
    assertThat(read.segments()).isEqualTo(distributed.segments());
    assertThat(read.toBuilder().build().segments()).hasSize(2);
  }

  @Test
  void aSegmentWithoutAnAttemptOrWithNegativeCountsIsRejected() {
    assertThatThrownBy(() -> SegmentSummary.of("segment-1", 0, "d", 1, 1, 0, 0, 0, 0, 1))
        .hasMessageContaining("segments[segment-1].attempts must be >= 1");
    assertThatThrownBy(() -> SegmentSummary.of("segment-1", 1, "d", -1, 0, 0, 0, 0, 0, 1))
        .hasMessageContaining("counts must be >= 0");
    assertThatThrownBy(() -> SegmentSummary.of("segment-1", 1, "d", 1, 1, 0, 0, 0, 0, -0.5))
        .hasMessageContaining("segments[segment-1].duration_s and .throughput_wps must be >= 0, were -0.5");
    assertThatThrownBy(() -> new SegmentSummary("segment-1", 1, "d", 1, 1, 0, 0, 0, 0, 1, Double.NaN))
        .hasMessageContaining("were 1.0 and NaN");
  }

  @Test
  void aSegmentsThroughputIsItsCompletedWorkflowsOverItsDurationAndRetriedMeansMoreThanOneAttempt() {
    SegmentSummary s = SegmentSummary.of("segment-2", 2, "driver-3@c/3", 20, 19, 1, 0, 0, 8, 9.5);
    assertThat(s.throughputWps()).isEqualTo(2.0);
    assertThat(s.retried()).isTrue();
    assertThat(SegmentSummary.of("segment-1", 1, "d", 0, 0, 0, 0, 0, 0, 0).throughputWps()).isZero();
    assertThat(SegmentSummary.of("segment-1", 1, "d", 0, 0, 0, 0, 0, 0, 0).retried()).isFalse();
  }

  @Test
  void aRecordWrittenBeforeSegmentsKeptTheirDurationReadsAsZero() throws Exception {
    RunRecord distributed = RunRecordsTest.sample().toBuilder()
        .segment(SegmentSummary.of("segment-1", 1, "driver-1@a/1", 20, 20, 0, 0, 0, 0, 8.0)).build();
    RunRecords.write(dir.resolve("run.json"), distributed);
    com.fasterxml.jackson.databind.node.ObjectNode older = (com.fasterxml.jackson.databind.node.ObjectNode)
        RunRecords.mapper().readTree(dir.resolve("run.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) older.get("segments").get(0))
        .remove(java.util.List.of("duration_s", "throughput_wps"));
    assertThat(older.get("segments").get(0).has("duration_s")).isFalse();
    RunRecords.mapper().writeValue(dir.resolve("older.json").toFile(), older);

    SegmentSummary read = RunRecords.read(dir.resolve("older.json")).segments().get(0);
    assertThat(read.durationS()).isZero();
    assertThat(read.throughputWps()).isZero();
    assertThat(read.completed()).isEqualTo(20);
  }
}
