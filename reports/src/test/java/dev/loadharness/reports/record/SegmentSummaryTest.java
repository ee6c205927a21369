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
        .segment(new SegmentSummary("segment-1", 1, "driver-1@a/1", 20, 20, 0, 0, 0, 0))
        .segment(new SegmentSummary("segment-2", 2, "driver-3@c/3", 20, 19, 1, 0, 0, 8))
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
    assertThatThrownBy(() -> new SegmentSummary("segment-1", 0, "d", 1, 1, 0, 0, 0, 0))
        .hasMessageContaining("segments[segment-1].attempts must be >= 1");
    assertThatThrownBy(() -> new SegmentSummary("segment-1", 1, "d", -1, 0, 0, 0, 0, 0))
        .hasMessageContaining("counts must be >= 0");
  }
}
