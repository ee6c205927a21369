package dev.loadharness.reports.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity result: saturation and sizing sentences, the three files, and the JSON read back equal. */
class CapacityReportTest {
  @TempDir Path dir;

  static CapacityStep step(int index, double offered, double throughput, boolean ok, Double server, Double workers,
      Double driver) {
    return CapacityFixtures.step(index, offered, throughput, ok, server, workers, driver);
  }

  static CapacityCell cell(int workers, double kneeThroughput) {
    return CapacityFixtures.cell(workers, kneeThroughput);
  }

  @Test
  void theKneeIsTheHighestSustainableStepAndTheFirstBadOneAboveIt() {
    CapacityCell c = cell(1, 29);
    assertThat(c.knee()).map(CapacityStep::offered).hasValue(30.0);
    assertThat(c.firstBad()).map(CapacityStep::offered).hasValue(40.0);
    assertThat(c.byLoad()).extracting(CapacityStep::offered).containsExactly(10.0, 20.0, 30.0, 40.0);
  }

  @Test
  void saturationNamesTheLargestConsumerWhenTheMachineCpuIsFull() {
    String s = Saturation.of(step(3, 40, 25, false, 95.0, 70.0, 30.0), 2);
    assertThat(s).isEqualTo("the machine's CPU saturated first, most of it taken by the server (at offered 40: "
        + "server 95%, workers 70%, driver 30%, other processes 2% of one core; machine busy 197% of 2 cores)");
  }

  @Test
  void saturationBlamesOtherProcessesWhenTheyTookMostOfABusyMachine() {
    CapacityStep contended = new CapacityStep(1, CapacityStep.STEP, 9, 0.7, 3000.0, 7000.0, 7000.0, 30.0, 0.0, 8.0,
        11.0, 2.0, 190.0, 5.8, 24.0, 10, 0, 0, 0, List.of(), "pass", false, "x", "r", "d");
    assertThat(Saturation.of(contended, 2)).isEqualTo("the machine's CPU saturated first, most of it taken by other "
        + "processes, not this run's (at offered 9: server 8%, workers 11%, driver 2%, other processes 169% of one "
        + "core; machine busy 190% of 2 cores): the knee measures this machine as shared at the time");
  }

  @Test
  void saturationSaysSlotsOrNothingWhenCpuWasToSpare() {
    CapacityStep slotsFull = new CapacityStep(1, CapacityStep.STEP, 32, 60, 100.0, 200.0, 300.0, 10.0, null, 30.0,
        40.0, 20.0, 95.0, 23.0, 24.0, 100, 0, 0, 0, List.of(), "pass", false, "x", "r", "d");
    assertThat(Saturation.of(slotsFull, 2)).startsWith("the workers' slots saturated first: 23.0 of 24 in use");
    assertThat(Saturation.of(step(3, 40, 25, false, 20.0, 30.0, 10.0), 2))
        .startsWith("no CPU saturated (at offered 40: server 20%, workers 30%, driver 10%, other processes 2% of one "
            + "core; machine busy 62% of 2 cores");
  }

  @Test
  void sizingPicksTheSmallestFleetWithinFivePercentOfTheBest() {
    List<CapacityCell> cells = List.of(cell(1, 20), cell(2, 29), cell(3, 30));
    assertThat(FleetSizing.line(cells, "end_to_end_p95_ms < 2000")).isEqualTo("29 wf/s at end_to_end_p95_ms < 2000 "
        + "needs 2 workers at slots 10/14; more workers reached 30 wf/s at most (+3%)");
    assertThat(FleetSizing.line(List.of(cell(1, 29)), "no latency SLO"))
        .isEqualTo("29 wf/s at no latency SLO needs 1 worker at slots 10/14");
    CapacityCell c = cell(1, 29);
    CapacityCell stopped = new CapacityCell(c.label(), 1, 10, 14, c.steps(), CapacityCell.Outcome.INTERRUPTED, "", "");
    assertThat(FleetSizing.line(List.of(stopped), "x")).isEqualTo("29 wf/s at x needs 1 worker at slots 10/14 "
        + "(at least: the search stopped before it found the knee)");
    CapacityCell none = new CapacityCell("workers=1 slots=10/14", 1, 10, 14, List.of(step(1, 10, 2, false, 1.0, 1.0,
        1.0)), CapacityCell.Outcome.NONE_SUSTAINABLE, "", "");
    assertThat(FleetSizing.line(List.of(none), "x")).isEmpty();
  }

  @Test
  void theThreeFilesAreWrittenAndTheJsonReadsBackEqual() throws Exception {
    CapacityReport report = new CapacityReport("scaling", "dev-server", CapacityReport.OPEN,
        List.of("end_to_end_p95_ms < 2000"), 2, Instant.parse("2026-12-01T10:00:00Z"), 12, List.of(cell(1, 29),
        cell(2, 29.5)), "29 wf/s at end_to_end_p95_ms < 2000 needs 1 worker at slots 10/14", 0, "");
    String markdown = CapacityFiles.write(dir, report);
    assertThat(markdown).contains("**29 wf/s at end_to_end_p95_ms < 2000 needs 1 worker at slots 10/14**")
        .contains("| 40 | 25 | 120 | 300 | 450 | 4 | 95 / 70 / 30 / 197 | 3 (step) | no: in flight grew | step-3 |");
    assertThat(CapacityFiles.read(dir)).isEqualTo(report);
    Map<String, JsonNode> charts = PageData.charts(Files.readString(dir.resolve(CapacityPage.FILE_NAME)));
    assertThat(charts.keySet()).containsExactly("capacity-throughput", "capacity-latency", "capacity-cpu-1",
        "capacity-cpu-2");
    JsonNode throughput = charts.get("capacity-throughput");
    assertThat(throughput.get("xKind").asText()).isEqualTo("value");
    assertThat(throughput.get("x").toString()).isEqualTo("[10.0,20.0,30.0,40.0]");
    assertThat(throughput.get("series")).extracting(s -> s.get("label").asText())
        .containsExactly("workers=1 slots=10/14", "workers=2 slots=10/14", "offered");
    assertThat(PageData.points(charts.get("capacity-latency"))).isEqualTo(8);
  }

  @Test
  void theSteadyWindowStartsAtTheFirstStartAndItsInFlightSlopeIsTheBacklogGrowth() {
    // Gatling took 3 s to start; then in flight climbs 2 per second (a growing backlog).
    List<Double> t = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    TimeSeries s = TimeSeries.of(1.0, t, Map.of(SeriesColumn.IN_FLIGHT,
        List.of(0.0, 0.0, 0.0, 4.0, 6.0, 8.0, 10.0, 12.0)));
    assertThat(CapacitySteps.firstStartS(s)).isEqualTo(3.0);
    List<Integer> window = CapacitySteps.window(t, 3.0 + 1.5, 3.0 + 5);
    assertThat(window).containsExactly(4, 5, 6, 7);
    assertThat(CapacitySteps.slope(t, s.column(SeriesColumn.IN_FLIGHT), window)).isCloseTo(2.0,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(CapacitySteps.slope(t, s.column(SeriesColumn.IN_FLIGHT), List.of(4))).isNull();
  }

  @Test
  void noStepMeetingTheSloSaysSo() {
    CapacityReport report = new CapacityReport("smoke", "in-memory", CapacityReport.CLOSED, List.of("end_to_end_p95_ms < 1"),
        2, Instant.parse("2026-12-01T10:00:00Z"), 5, List.of(), "", 1, "");
    assertThat(CapacityMarkdown.headline(report)).isEqualTo("no step met the SLO (end_to_end_p95_ms < 1): not even "
        + "the lowest load tried was sustainable");
  }
}
