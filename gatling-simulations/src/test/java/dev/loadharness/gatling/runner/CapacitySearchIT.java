package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.capacity.CapacityCell;
import dev.loadharness.reports.capacity.CapacityFiles;
import dev.loadharness.reports.capacity.CapacityPage;
import dev.loadharness.reports.capacity.CapacityReport;
import dev.loadharness.reports.capacity.CapacityStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The capacity search on the in-memory server with real worker JVMs: a workload whose throughput is capped by
 * one activity slot has its knee where the cap is; an SLO no step can meet exits 1 and says so.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class CapacitySearchIT {
  static final Path RUNS = Path.of("target", "it-runs", "capacity");
  static final String SPEC = "src/test/resources/specs/capacity-one-slot.yaml";

  static CapacityRunner.Request request(List<String> slos, double start, int maxSteps, int refinements) {
    return new CapacityRunner.Request(new RunOptions(SPEC, Optional.of("in-memory"), Optional.empty(), RUNS,
        Duration.ofSeconds(2)), slos, List.of(), start, 8, maxSteps, 0.1, refinements, Duration.ofSeconds(6));
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aLooseSloFindsTheKneeWhereOneActivitySlotCapsThroughput() throws IOException {
    // 1 in flight: 400 ms plus overhead; 8 in flight: the one slot caps throughput at 2.5 wf/s, so each added
    // workflow only queues (throughput per workflow in flight falls far below half of 1 in flight's).
    int exit = new CapacityRunner(System.out).run(request(List.of("end_to_end_p95_ms<2500"), 1, 2, 1));
    CapacityReport report = CapacityFiles.read(latest());
    assertThat(exit).isEqualTo(RunOutcome.PASS);
    assertThat(report.exitCode()).isZero();
    CapacityCell cell = report.cells().get(0);
    assertThat(cell.outcome()).isEqualTo(CapacityCell.Outcome.KNEE);
    assertThat(cell.steps()).extracting(CapacityStep::offered).containsExactly(1.0, 8.0, 5.0); // 4.5 rounds up
    assertThat(cell.knee().orElseThrow().offered()).isIn(1.0, 5.0);
    assertThat(cell.firstBad().orElseThrow().offered()).isIn(5.0, 8.0);
    assertThat(cell.knee().orElseThrow().throughputWps()).isBetween(0.2, 2.6); // the slot caps it at 2.5 wf/s
    CapacityStep eight = cell.steps().get(1);
    assertThat(eight.sustainable()).isFalse();
    assertThat(eight.reason()).containsAnyOf("breached end_to_end_p95_ms < 2500", "throughput per workflow in flight");
    assertThat(report.sizing()).contains("at end_to_end_p95_ms < 2500 needs 1 worker at slots 4/1");
    assertThat(latest().resolve(CapacityPage.FILE_NAME)).exists();
    assertThat(Files.readString(latest().resolve(CapacityFiles.MARKDOWN))).contains("## workers=1 slots=4/1");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void anSloNoStepCanMeetExitsOneAndSaysSo() throws IOException {
    int exit = new CapacityRunner(System.out).run(request(List.of("end_to_end_p95_ms<1"), 1, 3, 1));
    assertThat(exit).isEqualTo(RunOutcome.BREACH);
    CapacityReport report = CapacityFiles.read(latest());
    CapacityCell cell = report.cells().get(0);
    assertThat(cell.outcome()).isEqualTo(CapacityCell.Outcome.NONE_SUSTAINABLE);
    assertThat(cell.steps()).hasSize(1);
    assertThat(cell.note()).startsWith("the lowest load tried, 1 in flight, was not sustainable: breached "
        + "end_to_end_p95_ms < 1");
    assertThat(report.sizing()).isEmpty();
    assertThat(Files.readString(latest().resolve(CapacityFiles.MARKDOWN))).contains("no step met the SLO");
  }

  @Test
  void badArgumentsExitTwoBeforeAnythingStarts() {
    assertThat(new CapacityRunner(System.out).run(request(List.of("e2e<5"), 1, 3, 2))).isEqualTo(RunOutcome.ERROR);
    assertThat(new CapacityRunner(System.out).run(new CapacityRunner.Request(new RunOptions(SPEC,
        Optional.of("in-memory"), Optional.empty(), RUNS, Duration.ofSeconds(2)), List.of(), List.of("threads=2"), 1.0,
        2, 3, 0.1, 2, Duration.ofSeconds(5)))).isEqualTo(RunOutcome.ERROR);
  }

  private static Path latest() throws IOException {
    try (Stream<Path> dirs = Files.list(RUNS)) {
      return dirs.filter(d -> d.getFileName().toString().contains("-capacity-")).sorted()
          .reduce((a, b) -> b).orElseThrow();
    }
  }
}
