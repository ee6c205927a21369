package dev.loadharness.gatling.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.Saturation;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TimeSeries;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaturationRuleTest {
  private static final List<Double> AT = List.of(1.0, 2.0, 3.0, 4.0, 5.0);

  private static TimeSeries series(Double[] used, Double[] persistence, Double[] errors) {
    Map<SeriesColumn, List<Double>> c = new EnumMap<>(SeriesColumn.class);
    c.put(SeriesColumn.SLOTS_USED, Arrays.asList(used));
    c.put(SeriesColumn.WORKFLOW_SLOT_LIMIT, List.of(10.0, 10.0, 10.0, 10.0, 10.0));
    c.put(SeriesColumn.ACTIVITY_SLOT_LIMIT, List.of(10.0, 10.0, 10.0, 10.0, 10.0));
    c.put(SeriesColumn.SERVER_PERSISTENCE_P95_MS, Arrays.asList(persistence));
    c.put(SeriesColumn.SERVER_ERRORS, Arrays.asList(errors));
    return TimeSeries.of(1, AT, c);
  }

  private static final Double[] CALM = {2.0, 2.0, 2.0, 2.0, 2.0};
  private static final Double[] NO_ERRORS = {0.0, 0.0, 0.0, 0.0, 0.0};

  @Test
  void fullSlotsBeforeASlowStoreNameTheWorkers() {
    Saturation s = SaturationRule.judge(series(new Double[] {5.0, 18.0, 20.0, 20.0, 20.0},
        new Double[] {2.0, 2.0, 2.0, 100.0, 200.0}, NO_ERRORS));
    assertThat(s.first()).isEqualTo(Saturation.WORKERS);
    assertThat(s.workersAtS()).isEqualTo(2.0);
    assertThat(s.serverAtS()).isEqualTo(4.0);
    assertThat(s.workersSignal()).isEqualTo("slots used 18 of 20");
  }

  @Test
  void aSlowStoreOrAnErrorBeforeFullSlotsNamesTheServer() {
    Saturation slow = SaturationRule.judge(series(new Double[] {5.0, 5.0, 5.0, 19.0, 20.0},
        new Double[] {2.0, 50.0, 2.0, 2.0, 2.0}, NO_ERRORS));
    assertThat(slow.first()).isEqualTo(Saturation.SERVER);
    assertThat(slow.serverAtS()).isEqualTo(2.0);
    Saturation error = SaturationRule.judge(series(new Double[] {5.0, 5.0, 5.0, 5.0, 5.0}, CALM,
        new Double[] {0.0, 0.0, 3.0, 0.0, 0.0}));
    assertThat(error.first()).isEqualTo(Saturation.SERVER);
    assertThat(error.serverSignal()).isEqualTo("3 server error(s) in the tick");
    assertThat(error.line()).isEqualTo("the server saturated first, at 3.0 s (3 server error(s) in the tick); "
        + "the workers never did");
  }

  @Test
  void belowTheFloorOrTheFactorNothingSaturates() {
    // 40 ms is 20x the lowest tick but under the 50 ms floor; 60 ms is over the floor but under 4x of 20 ms.
    assertThat(SaturationRule.judge(series(CALM, new Double[] {2.0, 40.0, 2.0, 2.0, 2.0}, NO_ERRORS)).first())
        .isEqualTo(Saturation.NEITHER);
    assertThat(SaturationRule.judge(series(CALM, new Double[] {20.0, 60.0, 20.0, 30.0, 20.0}, NO_ERRORS)).first())
        .isEqualTo(Saturation.NEITHER);
  }

  @Test
  void bothInOneTickAndAMissingSideIsSaid() {
    assertThat(SaturationRule.judge(series(new Double[] {2.0, 20.0, 2.0, 2.0, 2.0},
        new Double[] {1.0, 80.0, 1.0, 1.0, 1.0}, NO_ERRORS)).first()).isEqualTo(Saturation.BOTH);
    Saturation noServer = SaturationRule.judge(TimeSeries.of(1, AT, Map.of(SeriesColumn.SLOTS_USED, CALM_LIST)));
    assertThat(noServer.rule()).endsWith("(no server metrics were scraped: the server side cannot be named)");
  }

  private static final List<Double> CALM_LIST = Arrays.asList(CALM);
}
