package dev.loadharness.reports.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.reports.trend.RegressionRule;
import dev.loadharness.reports.trend.TrendReports;
import dev.loadharness.reports.trend.TrendStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered run report and trend page in headless Chromium with no network and checks that
 * they load without console messages and that every chart was drawn (a canvas, marked drawn, with points).
 */
class BrowserRenderIT {

  private static HeadlessChromium chromium;

  @TempDir Path dir;

  @BeforeAll
  static void browser() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<HeadlessChromium> found = HeadlessChromium.findOrInstall(why);
    Assumptions.assumeTrue(found.isPresent(), () -> "skipped: " + why);
    chromium = found.get();
  }

  @Test
  void runReportLoadsOfflineWithEveryChartDrawn() throws Exception {
    Path runDir = dir.resolve("run");
    Path page = RunReport.write(runDir, Fixtures.run(Fixtures.RUNS - 1), Fixtures.run(Fixtures.RUNS - 2));
    assertDrawn(page);
  }

  @Test
  void trendPageLoadsOfflineWithEveryChartDrawn() throws Exception {
    TrendStore store = TrendStore.at(dir.resolve("store"));
    for (int i = 0; i < Fixtures.RUNS; i++) {
      store.append(Fixtures.run(i));
    }
    String machine = Fixtures.run(0).environment().machine();
    store.appendJmh(dev.loadharness.reports.jmh.JmhResults.read(Fixtures.root().resolve("jmh/2026-11-19.json")),
        machine, Instant.parse("2026-11-19T03:00:00Z"));
    store.appendJmh(dev.loadharness.reports.jmh.JmhResults.read(Fixtures.root().resolve("jmh/2026-11-20.json")),
        machine, Instant.parse("2026-11-20T03:00:00Z"));
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    for (Path page : result.pages()) {
      assertDrawn(page);
    }
    HeadlessChromium.Loaded index = chromium.load(result.index(), dir);
    assertThat(index.console()).isEmpty();
    assertThat(index.dom()).contains("data-charts-drawn=\"0\"", "worker-load-128");
  }

  @Test
  void aScriptErrorOnThePageIsCaught() throws Exception {
    Path runDir = dir.resolve("broken");
    Path page = RunReport.write(runDir, Fixtures.run(0), null);
    String html = Files.readString(page).replace("var island = document.getElementById(\"report-data\");",
        "console.error(\"deliberate failure\"); var island = document.getElementById(\"no-such-island\");");
    Files.writeString(page, html);
    HeadlessChromium.Loaded loaded = chromium.load(page, dir);
    assertThat(loaded.console()).anySatisfy(l -> assertThat(l).contains("deliberate failure"));
    assertThat(loaded.dom().contains("<div class=\"chart\" id=\"latency-client\" data-drawn=\"false\">"))
        .as("chart left undrawn").isTrue();
    assertThat(loaded.dom().contains("data-charts-drawn=")).as("page script finished").isFalse();
  }

  private void assertDrawn(Path page) throws Exception {
    ChartsDrawn.assertAllDrawn(chromium, page, dir);
  }
}
