package dev.loadharness.reports.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run record's offered wave and per-task-queue counts: written when present, absent otherwise. */
class WorkloadProfileTest {
  @TempDir Path dir;

  private static Workload workload(Workload.Injection injection, int workflows) {
    return new Workload(workflows, List.of(new Workload.MixEntry("io", 1, Map.of())), injection, 0, 0, null);
  }

  @Test
  void aWaveAndQueueCountsAreWrittenAndReadBackAndAPlainRunHasNeither() throws Exception {
    RunRecord plain = RunRecordsTest.sample();
    RunRecord waved = plain.toBuilder()
        .workload(workload(new Workload.Injection("ebb-and-flow", 16, 0, 0, new Workload.Wave(1, 5, 8)), 48))
        .taskQueue(new TaskQueueCount("load-r-0", 5, 5))
        .taskQueue(new TaskQueueCount("load-r-1", 5, 4))
        .build();
    RunRecords.write(dir.resolve("plain.json"), plain);
    RunRecords.write(dir.resolve("waved.json"), waved);

    assertThat(Files.readString(dir.resolve("plain.json"))).doesNotContain("task_queues").doesNotContain("\"wave\"");
    assertThat(Files.readString(dir.resolve("waved.json"))).contains("\"period_s\" : 8.0", "\"task_queues\"");
    RunRecord read = RunRecords.read(dir.resolve("waved.json"));
    assertThat(read.workload().injection().wave()).isEqualTo(new Workload.Wave(1, 5, 8));
    assertThat(read.taskQueues()).isEqualTo(waved.taskQueues());
    assertThat(read.toBuilder().build().taskQueues()).hasSize(2);
    dev.loadharness.reports.run.RunSummary.write(dir, waved);
    assertThat(dir.resolve(dev.loadharness.reports.run.RunSummary.FILE_NAME)).content()
        .contains("- task queues (completed/started, counted by the server): load-r-0 5/5, load-r-1 4/5");
  }

  @Test
  void theTrendKeyNamesTheWaveAndABacklogRunHasNoCount() {
    assertThat(workload(new Workload.Injection("ebb-and-flow", 16, 0, 0, new Workload.Wave(1, 5, 8)), 48).parts())
        .containsEntry("injection", "ebb-and-flow 1..5/s every 8 s for 16 s");
    assertThat(workload(new Workload.Injection("backlog", 16, 0, 0, new Workload.Wave(2, 12, 8)), 0).parts())
        .containsEntry("injection", "backlog 2..12 in flight every 8 s for 16 s");
  }

  @Test
  void badWavesAndCountsAreRejected() {
    assertThatThrownBy(() -> new Workload.Wave(5, 5, 8)).hasMessageContaining("0 <= low < high");
    assertThatThrownBy(() -> new TaskQueueCount("q", 3, 4)).hasMessageContaining("0 <= completed <= started");
    assertThatThrownBy(() -> new TaskQueueCount(" ", 3, 3)).hasMessageContaining("name must be non-blank");
  }
}
