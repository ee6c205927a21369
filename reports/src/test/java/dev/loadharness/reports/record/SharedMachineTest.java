package dev.loadharness.reports.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedMachineTest {

  @Test
  void otherProcessesAreTheMachineMinusTheRunsOwnParts() {
    TimeSeries s = series(values(120.0, 130.0, 140.0), values(60.0, 70.0, 80.0), values(10.0, 10.0, 10.0),
        values(10.0, 10.0, 10.0));
    SharedMachine.Share share = SharedMachine.others(s).orElseThrow();
    assertThat(share.othersPercent()).isCloseTo(40, within(1e-9));
    assertThat(share.machinePercent()).isCloseTo(130, within(1e-9));
    assertThat(SharedMachine.event(12.5, s, 2, true)).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(SharedMachine.EVENT);
      assertThat(e.atS()).isEqualTo(12.5);
      assertThat(e.detail()).startsWith("other processes took 40% of one core on average during the run (machine "
          + "busy 130% of 2 cores); the calibrated bars were measured on a quiet machine");
    });
    assertThat(SharedMachine.event(12.5, s, 2, false).orElseThrow().detail()).doesNotContain("calibrated");
  }

  @Test
  void aQuietRunHasNoEvent() {
    // 24% of a core unaccounted for: below the bar (the parts are sampled on their own clocks).
    TimeSeries s = series(values(104.0, 104.0), values(50.0, 50.0), values(20.0, 20.0), values(10.0, 10.0));
    assertThat(SharedMachine.others(s).orElseThrow().othersPercent()).isCloseTo(24, within(1e-9));
    assertThat(SharedMachine.event(1, s, 2, true)).isEmpty();
  }

  @Test
  void aSampleWithoutEveryMeasuredPartIsLeftOut() {
    // The first second: the workers have no CPU figure yet while their JVMs start; it must not read as others.
    TimeSeries s = series(values(190.0, 90.0, 90.0), values(null, 60.0, 60.0), values(10.0, 10.0, 10.0),
        values(20.0, 20.0, 20.0));
    assertThat(SharedMachine.others(s).orElseThrow().othersPercent()).isCloseTo(0, within(1e-9));
  }

  @Test
  void theInMemoryServerHasNoColumnOfItsOwnAndNoMachineMeansNoAnswer() {
    Map<SeriesColumn, List<Double>> columns = new LinkedHashMap<>();
    columns.put(SeriesColumn.MACHINE_CPU_PERCENT, values(100.0, 100.0));
    columns.put(SeriesColumn.WORKER_CPU_PERCENT, values(40.0, 40.0));
    columns.put(SeriesColumn.DRIVER_CPU_PERCENT, values(30.0, 30.0));
    TimeSeries inMemory = TimeSeries.of(1, values(1.0, 2.0), columns);
    assertThat(SharedMachine.others(inMemory).orElseThrow().othersPercent()).isCloseTo(30, within(1e-9));
    columns.remove(SeriesColumn.MACHINE_CPU_PERCENT);
    assertThat(SharedMachine.others(TimeSeries.of(1, values(1.0, 2.0), columns))).isEmpty();
  }

  private static TimeSeries series(List<Double> machine, List<Double> workers, List<Double> server,
      List<Double> driver) {
    Map<SeriesColumn, List<Double>> columns = new LinkedHashMap<>();
    columns.put(SeriesColumn.MACHINE_CPU_PERCENT, machine);
    columns.put(SeriesColumn.WORKER_CPU_PERCENT, workers);
    columns.put(SeriesColumn.SERVER_CPU_PERCENT, server);
    columns.put(SeriesColumn.DRIVER_CPU_PERCENT, driver);
    List<Double> t = new java.util.ArrayList<>();
    for (int i = 1; i <= machine.size(); i++) {
      t.add((double) i);
    }
    return TimeSeries.of(1, t, columns);
  }

  private static List<Double> values(Double... v) {
    return Arrays.asList(v);
  }
}
