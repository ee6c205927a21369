package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.fixtures.CompareRuns;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.record.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store holding the runs of {@code --compare all} shows one trend per runtime setting, each with its own baseline. */
class CompareStoreTest {

  @TempDir Path dir;

  @Test
  void oneTrendPerRuntimeSettingEachJudgedAgainstItsOwnRuns() throws Exception {
    TrendStore store = TrendStore.at(dir);
    List<RunRecord> runs = CompareRuns.rounds(5, "fixed");
    runs.forEach(store::append);
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);

    assertThat(store.runs().keys()).hasSize(4);
    assertThat(result.pages()).hasSize(4);
    Map<String, RegressionReport> byMode = result.latestRuns().stream()
        .collect(Collectors.toMap(r -> r.subject().replaceAll(".*-(fixed|sdk-resource-based|sdk-poller-autoscaling|adaptive)-r\\d+$", "$1"),
            r -> r));
    assertThat(byMode.keySet()).containsExactlyInAnyOrderElementsOf(CompareRuns.MODES);
    for (String mode : CompareRuns.MODES) {
      RegressionReport report = byMode.get(mode);
      Finding throughput = finding(report, "throughput_wps");
      Finding p95 = finding(report, "end_to_end_p95_ms");
      List<Double> own = runs.stream().filter(r -> mode.equals(r.runtime().get("mode"))).map(r -> r.load().throughputWps())
          .toList();
      assertThat(throughput.historySize()).as(mode).isEqualTo(4);
      assertThat(throughput.baselineMedian()).as("%s baseline from its own runs only", mode)
          .isEqualTo(RegressionRule.median(own.subList(0, 4).stream().mapToDouble(Double::doubleValue).toArray()));
      if (mode.equals("fixed")) {
        assertThat(throughput.status()).isEqualTo(Finding.Status.REGRESSED);
        assertThat(p95.status()).isEqualTo(Finding.Status.REGRESSED);
      } else {
        assertThat(report.regressions()).as("%s: %s", mode, report.regressions()).isEmpty();
      }
    }
    assertThat(result.regressed()).isTrue();
  }

  @Test
  void mixedTogetherTheSameRegressionWouldHideAndLikeRunsWouldBeFlagged() {
    // the failure: a baseline over all four settings (what the old key did)
    List<RunRecord> runs = CompareRuns.rounds(5, "fixed");
    RegressionDetector detector = new RegressionDetector(RegressionRule.DEFAULT);
    RunRecord slowFixed = runs.stream().filter(r -> r.runId().endsWith("-fixed-r5")).findFirst().orElseThrow();
    List<RunRecord> before = runs.subList(0, runs.indexOf(slowFixed));
    Finding mixed = finding(detector.check(slowFixed, before), "end_to_end_p95_ms");
    Finding own = finding(detector.check(slowFixed,
        before.stream().filter(r -> TrendKey.of(r).equals(TrendKey.of(slowFixed))).toList()), "end_to_end_p95_ms");
    assertThat(own.status()).isEqualTo(Finding.Status.REGRESSED);
    assertThat(Math.abs(mixed.baselineMedian() - own.baselineMedian()))
        .as("the mixed baseline is not the setting's level").isGreaterThan(0.3 * own.baselineMedian());
  }

  @Test
  void eachPageNamesItsKeyAndLinksTheOtherSettings() throws Exception {
    TrendStore store = TrendStore.at(dir);
    CompareRuns.rounds(2, null).forEach(store::append);
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    for (Path page : result.pages()) {
      String html = Files.readString(page);
      TrendKey key = store.runs().keys().stream().filter(k -> page.getFileName().toString().equals(TrendPage.fileName(k)))
          .findFirst().orElseThrow();
      String mode = key.parts().get("runtime.mode");
      assertThat(html).contains("<h1>worker-load-blocking trend: " + mode + " \u00b7 dev-server 1.32.0 \u00b7 fixture-host-2cpu</h1>",
          "Trend key <code>" + key.hash() + "</code>", "<tr><td><code>runtime.mode</code></td><td>" + mode + "</td></tr>",
          "<tr><td><code>workload.injection</code></td><td>constant-rate 4.3/s for 30 s</td></tr>");
      for (TrendKey other : store.runs().keys()) {
        if (!other.equals(key)) {
          assertThat(html).contains("<a href=\"" + TrendPage.fileName(other) + "\">")
              .contains("differs in <code>runtime.mode</code> " + other.parts().get("runtime.mode") + " (here " + mode + ")");
        }
      }
      Map<String, JsonNode> charts = PageData.charts(html);
      assertThat(charts.get("trend-throughput-wps").get("series").get(0).get("values")).hasSize(2);
    }
    assertThat(Files.readString(result.index())).contains(">fixed</a>",
        ">adaptive</a>", ">sdk-resource-based</a>", ">sdk-poller-autoscaling</a>");
  }

  static Finding finding(RegressionReport report, String metric) {
    return report.findings().stream().filter(f -> f.metric().equals(metric)).findFirst().orElseThrow();
  }
}
