package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.jmh.JmhResults;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendStoreTest {

  @TempDir Path dir;

  /** A store with every fixture run and two JMH nights, as the nightly job leaves it. */
  static TrendStore filledStore(Path root) {
    TrendStore store = TrendStore.at(root);
    for (int i = 0; i < Fixtures.RUNS; i++) {
      store.append(Fixtures.run(i));
    }
    String machine = Fixtures.run(0).environment().machine();
    store.appendJmh(JmhResults.read(Fixtures.root().resolve("jmh/2026-11-19.json")), machine,
        Instant.parse("2026-11-19T03:00:00Z"));
    store.appendJmh(JmhResults.read(Fixtures.root().resolve("jmh/2026-11-20.json")), machine,
        Instant.parse("2026-11-20T03:00:00Z"));
    return store;
  }

  @Test
  void locationPrefersFlagThenEnvironmentThenCacheDirectory() {
    Path flag = Path.of("/x/store");
    assertThat(TrendStore.location(flag, Map.of(TrendStore.ENV, "/env"), "/home/u")).isEqualTo(flag);
    assertThat(TrendStore.location(null, Map.of(TrendStore.ENV, "/env"), "/home/u")).isEqualTo(Path.of("/env"));
    assertThat(TrendStore.location(null, Map.of("XDG_CACHE_HOME", "/c"), "/home/u"))
        .isEqualTo(Path.of("/c/temporal-load-harness/trends"));
    assertThat(TrendStore.location(null, Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/temporal-load-harness/trends"));
  }

  @Test
  void runsAreFiledByScenarioServerAndMachineAndKeyedByEverythingThatChangesTheMeasurement() {
    TrendStore store = filledStore(dir);
    StoredRun again = store.append(Fixtures.run(2));
    assertThat(again.dir()).isEqualTo(dir.resolve("runs/worker-load-128/dev-server/fixture-host-2cpu")
        .resolve(Fixtures.runId(2)));
    TrendStore.Contents contents = store.runs();
    assertThat(contents.keys()).containsExactly(TrendKey.of(Fixtures.run(0)));
    assertThat(contents.runs()).extracting(r -> r.record().runId()).containsExactly(
        Fixtures.runId(0), Fixtures.runId(1), Fixtures.runId(2), Fixtures.runId(3), Fixtures.runId(4),
        Fixtures.runId(5), Fixtures.runId(6));
    RunRecord elsewhere = Fixtures.run(0).toBuilder().runId("other").environment(
        new dev.loadharness.reports.record.Environment("in-memory", "1.38.0", "17", 8, 1L << 30, "laptop")).build();
    store.append(elsewhere);
    RunRecord otherMode = Fixtures.run(0).toBuilder().runId("fixed-run").runtimeSetting("mode", "fixed").build();
    StoredRun fixed = store.append(otherMode);
    assertThat(fixed.dir().getParent()).as("filed with the same scenario, server and machine")
        .isEqualTo(again.dir().getParent());
    assertThat(store.runs().keys()).hasSize(3);
    assertThat(store.runs().of(TrendKey.of(Fixtures.run(0)))).hasSize(Fixtures.RUNS);
    assertThat(store.runs().keysOf("worker-load-128")).hasSize(3);
  }

  @Test
  void pagesOfKeysTheStoreNoLongerYieldsAreRemoved() throws Exception {
    TrendStore store = filledStore(dir);
    Path stale = store.trendsDir().resolve("worker-load-128--dev-server--fixture-host-2cpu.html");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "<html>a page from before trend keys</html>");
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    assertThat(stale).doesNotExist();
    assertThat(result.pages()).allSatisfy(p -> assertThat(p).exists());
  }

  @Test
  void storeIsAppendOnly() {
    TrendStore store = filledStore(dir);
    RunRecord changed = Fixtures.run(1).toBuilder().load(LoadSummary.of(1, 1, 0, 0, 0, 1)).build();
    assertThatThrownBy(() -> store.append(changed))
        .hasMessageContaining("already holds a different run with run_id " + Fixtures.runId(1))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> store.appendJmh(java.util.List.of(), "fixture-host-2cpu",
        Instant.parse("2026-11-20T03:00:00Z"))).hasMessageContaining("append-only");
  }

  @Test
  void trendPageShowsEveryMetricWithBandJmhAndRunLinks() throws Exception {
    TrendStore store = filledStore(dir);
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    String page = TrendPage.fileName(TrendKey.of(Fixtures.run(0)));
    assertThat(page).matches("worker-load-128--adaptive--[0-9a-f]{10}\\.html");
    assertThat(result.pages()).extracting(p -> p.getFileName().toString()).containsExactly(
        page, "jmh--fixture-host-2cpu.html");
    assertThat(result.regressed()).isTrue();
    String html = Files.readString(result.pages().get(0));
    Map<String, JsonNode> jmhCharts = PageData.charts(Files.readString(result.pages().get(1)));
    assertThat(jmhCharts.keySet()).containsExactly("jmh-1", "jmh-2");
    Map<String, JsonNode> charts = PageData.charts(html);
    for (TrendMetric metric : TrendMetric.KEY_METRICS) {
      String id = "trend-" + metric.name().replace('_', '-');
      assertThat(charts).containsKey(id);
      assertThat(html).contains("<div class=\"chart\" id=\"" + id + "\"");
      JsonNode series = charts.get(id).get("series");
      assertThat(series.get(0).get("values")).hasSize(Fixtures.RUNS);
      assertThat(series.get(1).get("label").asText()).isEqualTo("baseline median");
      assertThat(series.get(1).get("values").get(Fixtures.RUNS - 1).isNull()).as("band at the latest run").isFalse();
      assertThat(charts.get(id).get("bands").get(0)).hasSize(2);
    }
    assertThat(charts).containsKeys("jmh-1", "jmh-2");
    assertThat(PageData.points(charts.get("jmh-1"))).isEqualTo(2);
    assertThat(html).contains("metric(s) regressed", "<td>throughput_wps</td>");
    for (int i = 0; i < Fixtures.RUNS; i++) {
      String href = "../runs/worker-load-128/dev-server/fixture-host-2cpu/" + Fixtures.runId(i) + "/report.html";
      assertThat(html).contains("<a href=\"" + href + "\">");
      assertThat(store.trendsDir().resolve(href).normalize()).exists();
    }
    assertThat(Files.readString(result.index())).contains(
        "<a href=\"trends/" + page + "\">adaptive</a>",
        "<a href=\"trends/jmh--fixture-host-2cpu.html\">");
  }

  @Test
  void badFilesInTheStoreAreNamedAndTheRestStillRenders() throws Exception {
    TrendStore store = filledStore(dir);
    Path runs = dir.resolve("runs/worker-load-128/dev-server/fixture-host-2cpu");
    Files.createDirectories(runs.resolve("unknown-schema-run"));
    Files.copy(Fixtures.root().resolve("bad/unknown-schema/run.json"), runs.resolve("unknown-schema-run/run.json"));
    Files.createDirectories(runs.resolve("truncated-run"));
    Files.copy(Fixtures.root().resolve("bad/truncated/run.json"), runs.resolve("truncated-run/run.json"));
    Files.writeString(dir.resolve("jmh/fixture-host-2cpu/20261121T030000Z.json"), "[ { \"benchmark\" : \"x\", ");
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    assertThat(result.problems()).hasSize(3);
    assertThat(result.problems()).extracting(StoreProblem::message).anySatisfy(m ->
        assertThat(m).contains("20261121T030000Z.json", "not a JMH JSON result list"));
    assertThat(result.problems()).extracting(StoreProblem::message).anySatisfy(m ->
        assertThat(m).contains("unknown-schema-run/run.json", "unsupported run record schema 99"));
    assertThat(result.problems()).extracting(StoreProblem::message).anySatisfy(m ->
        assertThat(m).contains("truncated-run/run.json", "not valid JSON"));
    String html = Files.readString(result.pages().get(0));
    assertThat(html).contains("id=\"store-problems\"", "unsupported run record schema 99");
    assertThat(PageData.charts(html).get("trend-throughput-wps").get("series").get(0).get("values"))
        .hasSize(Fixtures.RUNS);
  }
}
