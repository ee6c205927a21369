package dev.loadharness.reports.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadharness.reports.fixtures.CompareRuns;
import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.reports.trend.RegressionRule;
import dev.loadharness.reports.trend.TrendReports;
import dev.loadharness.reports.trend.TrendStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
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
  void aDistributedRunsReportLoadsOfflineWithItsSegmentTable() throws Exception {
    Path runDir = dir.resolve("distributed");
    Path page = RunReport.write(runDir, Fixtures.run(0).toBuilder()
        .segment(dev.loadharness.reports.record.SegmentSummary.of("segment-1", 1, "driver-1@a/1", 30, 30, 0, 0, 0, 0, 12))
        .segment(dev.loadharness.reports.record.SegmentSummary.of("segment-2", 2, "driver-3@c/3", 30, 30, 0, 0, 0, 8, 15))
        .build(), null);
    assertDrawn(page);
    String dom = chromium.load(page, dir).dom();
    assertThat(dom).contains("<table id=\"segments-table\">").contains("<td>segment-2</td>")
        .contains("yes (2 attempts)");
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
  void abComparisonPageLoadsOfflineWithEveryChartDrawnAndItsAxisTitles() throws Exception {
    dev.loadharness.reports.ab.AbComparison c = dev.loadharness.reports.ab.AbComparison.paired("head", "base",
        dev.loadharness.reports.ab.AbRuns.rounds(3, new double[] {1.0}, new double[] {2.0}));
    Path abDir = dir.resolve("ab");
    dev.loadharness.reports.ab.AbFiles.write(abDir, c, List.of());
    Path page = abDir.resolve(dev.loadharness.reports.ab.AbPage.FILE_NAME);
    Map<String, JsonNode> charts = ChartsDrawn.assertAllDrawn(chromium, page, dir);
    assertThat(charts).containsKey("ab-ratios");
    HeadlessChromium.Loaded loaded = chromium.load(page, dir);
    assertThat(loaded.dom()).as("x named in the legends").contains("u-label\">metric<").contains("u-label\">round<")
        .doesNotContain("u-label\">run<");
  }

  @Test
  void capacityPageLoadsOfflineWithEveryChartDrawnOnAnOfferedLoadAxis() throws Exception {
    Path capacityDir = dir.resolve("capacity");
    dev.loadharness.reports.capacity.CapacityFiles.write(capacityDir,
        dev.loadharness.reports.capacity.CapacityFixtures.report());
    Path page = capacityDir.resolve(dev.loadharness.reports.capacity.CapacityPage.FILE_NAME);
    Map<String, JsonNode> charts = ChartsDrawn.assertAllDrawn(chromium, page, dir);
    assertThat(charts).containsKeys("capacity-throughput", "capacity-latency", "capacity-cpu-1", "capacity-cpu-2");
    HeadlessChromium.Loaded loaded = chromium.load(page, dir);
    assertThat(loaded.dom()).as("x named in the legends").contains("u-label\">offered load (wf/s)<");
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

  @Test
  void aTrendPageOfTwelveLikeRunsIsReadable() throws Exception {
    Path page = twelveRunTrendPage();
    String html = Files.readString(page);
    Map<String, JsonNode> charts = PageData.charts(html);
    // page data: bands within what the metric can be
    for (Map.Entry<String, JsonNode> chart : charts.entrySet()) {
      JsonNode series = chart.getValue().get("series");
      for (int s = 1; s < series.size(); s++) {
        for (JsonNode v : series.get(s).get("values")) {
          assertThat(v.isNull() || v.asDouble() >= 0).as("%s %s value %s", chart.getKey(),
              series.get(s).get("label").asText(), v).isTrue();
          if (chart.getKey().equals("trend-sticky-hit-ratio") && !v.isNull()) {
            assertThat(v.asDouble()).as("sticky ratio band").isLessThanOrEqualTo(1.0);
          }
        }
      }
    }
    assertDrawn(page);
    HeadlessChromium.Loaded loaded = chromium.load(page, dir);
    for (Map.Entry<String, JsonNode> chart : charts.entrySet()) {
      List<double[]> boxes = labelBoxes(loaded.dom(), chart.getKey());
      assertThat(boxes.size()).as("x labels drawn on %s", chart.getKey()).isGreaterThanOrEqualTo(3);
      assertThat(overlaps(boxes)).as("overlapping x labels on %s", chart.getKey()).isEmpty();
    }
    Path png = Path.of("target", "browser", "trend-page-12-runs.png");
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    chromium.screenshot(page, dir, png, 1200, 2400);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        inked += rgb == 0xffffff || rgb == 0xf6f8fa ? 0 : 1;
      }
    }
    assertThat(colours.size()).as("colours in %s", png).isGreaterThan(50);
    assertThat(inked).as("non-background pixels (every 2nd) in %s", png).isGreaterThan(20_000);
  }

  @Test
  void labelsPlacedWithoutRegardForTheirWidthAreCaughtOverlapping() throws Exception {
    Path page = twelveRunTrendPage();
    String html = Files.readString(page);
    assertThat(html).contains("space: widest + LABEL_GAP,");
    Files.writeString(page, html.replace("space: widest + LABEL_GAP,", "space: 1,"));
    HeadlessChromium.Loaded loaded = chromium.load(page, dir);
    List<double[]> boxes = labelBoxes(loaded.dom(), "trend-throughput-wps");
    assertThat(boxes).as("every run labelled").hasSize(12);
    assertThat(overlaps(boxes)).isNotEmpty();
  }

  private Path twelveRunTrendPage() {
    TrendStore store = TrendStore.at(dir.resolve("store12"));
    CompareRuns.rounds(12, null).stream().filter(r -> r.runtime().get("mode").equals("fixed")).forEach(store::append);
    TrendReports.Result result = TrendReports.renderAll(store, RegressionRule.DEFAULT);
    assertThat(result.pages()).hasSize(1);
    return result.pages().get(0);
  }

  /** The x label boxes the page script recorded for {@code chartId}: [left, right] in CSS pixels. */
  static List<double[]> labelBoxes(String dom, String chartId) throws Exception {
    Matcher m = Pattern.compile("id=\"" + chartId + "\"[^>]*data-x-labels=\"([^\"]*)\"").matcher(dom);
    assertThat(m.find()).as("data-x-labels of %s", chartId).isTrue();
    JsonNode labels = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\""));
    List<double[]> boxes = new ArrayList<>();
    labels.forEach(l -> boxes.add(new double[] {l.get(1).asDouble(), l.get(2).asDouble()}));
    return boxes;
  }

  /** Pairs of neighbouring label boxes that overlap, as "i/i+1". */
  static List<String> overlaps(List<double[]> boxes) {
    List<double[]> sorted = new ArrayList<>(boxes);
    sorted.sort((a, b) -> Double.compare(a[0], b[0]));
    List<String> overlapping = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i)[0] < sorted.get(i - 1)[1]) {
        overlapping.add((i - 1) + "/" + i);
      }
    }
    return overlapping;
  }

  private void assertDrawn(Path page) throws Exception {
    ChartsDrawn.assertAllDrawn(chromium, page, dir);
  }
}
