package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.jmh.JmhResult;
import dev.loadharness.reports.jmh.JmhResults;
import dev.loadharness.reports.record.RunRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionDetectorTest {

  final RegressionDetector detector = new RegressionDetector(RegressionRule.DEFAULT);

  static List<RunRecord> fixtureRuns() {
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 0; i < Fixtures.RUNS; i++) {
      runs.add(Fixtures.run(i));
    }
    return runs;
  }

  @Test
  void noisyNightsDoNotRegress() {
    List<RunRecord> runs = fixtureRuns();
    for (int i = 3; i < Fixtures.RUNS - 1; i++) {
      RegressionReport report = detector.check(runs.get(i), runs.subList(0, i));
      assertThat(report.regressions()).as("run %d: %s", i, report.regressions()).isEmpty();
    }
  }

  @Test
  void theSteppedNightNamesWhatMovedAndByHowMuch() {
    List<RunRecord> runs = fixtureRuns();
    RegressionReport report = detector.check(runs.get(Fixtures.RUNS - 1), runs.subList(0, Fixtures.RUNS - 1));
    List<String> regressed = report.regressions().stream().map(Finding::metric).toList();
    assertThat(regressed).contains("throughput_wps", "end_to_end_p95_ms", "sticky_hit_ratio", "failed_or_timed_out");
    Finding throughput = report.regressions().stream().filter(f -> f.metric().equals("throughput_wps")).findFirst()
        .orElseThrow();
    assertThat(throughput.changePercent()).isBetween(-30.0, -20.0);
  }

  @Test
  void jmhScoresAreJudgedInTheirUnitsDirection() {
    List<JmhResult> night0 = JmhResults.read(Fixtures.root().resolve("jmh/2026-11-19.json"));
    List<JmhResult> night1 = JmhResults.read(Fixtures.root().resolve("jmh/2026-11-20.json"));
    List<List<JmhResult>> history = List.of(night0, night1, night0, night1);
    assertThat(detector.checkJmh("same", night1, history).regressed()).isFalse();
    List<JmhResult> slower = night1.stream().map(r -> new JmhResult(r.benchmark(), r.mode(), r.threads(), r.forks(),
        r.jdkVersion(), r.params(), new dev.loadharness.reports.jmh.JmhMetric(
            r.primaryMetric().higherIsBetter() ? r.primaryMetric().score() * 0.7 : r.primaryMetric().score() * 1.3,
            r.primaryMetric().scoreError(), r.primaryMetric().scoreUnit(), null), r.secondaryMetrics())).toList();
    assertThat(detector.checkJmh("slower", slower, history).regressions()).hasSize(2);
  }
}
