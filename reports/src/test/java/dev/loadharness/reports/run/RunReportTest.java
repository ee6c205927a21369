package dev.loadharness.reports.run;

import dev.loadharness.reports.record.TimeSeries;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.html.Html;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Threshold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

  static RunRecord fixture(int i) {
    return RunRecords.read(Fixtures.root().resolve("runs").resolve(Fixtures.runId(i)));
  }

  @Test
  void failingRunShowsVerdictAndEveryThresholdWithLimitAndActual() {
    RunRecord run = fixture(Fixtures.RUNS - 1);
    String html = RunReport.render(run, fixture(Fixtures.RUNS - 2));
    assertThat(html).contains("<span class=\"verdict verdict-fail\" id=\"verdict\">FAIL</span>");
    assertThat(html).contains("<table id=\"thresholds\">");
    for (Threshold t : run.thresholds()) {
      assertThat(html).contains("<td>" + Html.escape(t.name()) + "</td>");
    }
    assertThat(html).contains("<td class=\"num\">== 0</td><td class=\"num\">3</td><td><span class=\"fail-text\">FAIL</span>");
    assertThat(html).contains("<td class=\"num\">&gt; 0.700</td><td class=\"num\">0.660</td>"
        + "<td><span class=\"fail-text\">FAIL</span>");
    assertThat(html).contains("<td class=\"num\">&lt; 5,000</td>");
  }

  @Test
  void everyChartIsPresentWithData() throws Exception {
    String html = RunReport.render(fixture(0), null);
    Map<String, JsonNode> charts = PageData.charts(html);
    assertThat(charts.keySet()).containsExactly("latency-client", "latency-worker", "series-throughput",
        "series-in-flight", "series-slots", "series-queue-depth", "series-pollers", "series-sticky", "series-cpu",
        "series-heap");
    charts.forEach((id, chart) -> {
      assertThat(html).as("container of %s", id).contains("<div class=\"chart\" id=\"" + id + "\"");
      assertThat(PageData.points(chart)).as("points of %s", id).isGreaterThan(20);
    });
    assertThat(charts.get("latency-client").get("series")).hasSize(2);
    assertThat(charts.get("latency-worker").get("series")).hasSize(3);
    assertThat(charts.get("series-slots").get("series")).hasSize(1);
  }

  @Test
  void eventsAndTheErrorAreShownEscaped() {
    RunRecord run = fixture(0).toBuilder().verdict(dev.loadharness.reports.record.Verdict.ERROR)
        .error("server unreachable for 10 s: UNAVAILABLE <b>")
        .event(new dev.loadharness.reports.record.RunEvent(12.5, "worker_died", "worker-1", "exit code 137"))
        .build();
    String html = RunReport.render(run, null);
    assertThat(html).contains("<p class=\"fail-text\" id=\"error\">server unreachable for 10 s: UNAVAILABLE &lt;b&gt;</p>")
        .contains("<table id=\"events\">").contains("<code>worker_died</code></td><td>worker-1</td><td>exit code 137");
    assertThat(RunReport.render(fixture(0), null)).doesNotContain("id=\"events\"").doesNotContain("id=\"error\"");
  }

  /** A distributed run's record: two segments, the second retried on another driver. */
  static RunRecord distributed() {
    return fixture(0).toBuilder()
        .segment(dev.loadharness.reports.record.SegmentSummary.of("segment-1", 1, "driver-1@host-a/41", 30, 30, 0, 0,
            0, 0, 12.0))
        .segment(dev.loadharness.reports.record.SegmentSummary.of("segment-2", 2, "driver-3@host-c/<43>", 30, 28, 1,
            1, 0, 8, 14.0))
        .build();
  }

  @Test
  void aDistributedRunShowsOneRowPerSegmentWithItsDriverRetryCountsAndThroughput() {
    String html = RunReport.render(distributed(), null);
    assertThat(html).contains("<h2 id=\"segments\">Segments</h2>").contains("<table id=\"segments-table\">");
    assertThat(html).contains("<tr><td>segment-1</td><td><code>driver-1@host-a/41</code></td><td>no</td>"
        + "<td class=\"num\">30</td><td class=\"num\">30</td><td class=\"num\">0</td><td class=\"num\">0</td>"
        + "<td class=\"num\">0</td><td class=\"num\">12</td><td class=\"num\">2.50</td></tr>");
    assertThat(html).contains("<tr class=\"changed\"><td>segment-2</td><td><code>driver-3@host-c/&lt;43&gt;</code>"
        + "</td><td>yes (2 attempts)</td><td class=\"num\">30</td><td class=\"num\">28</td><td class=\"num\">1</td>"
        + "<td class=\"num\">1</td><td class=\"num\">8</td><td class=\"num\">14</td><td class=\"num\">2</td></tr>");
    assertThat(html.indexOf("id=\"segments\"")).as("after the workflows, before latency")
        .isGreaterThan(html.indexOf("<table id=\"load\">")).isLessThan(html.indexOf("id=\"latency\""));
    assertThat(RunReport.render(fixture(0), null)).as("a single-machine run").doesNotContain("id=\"segments");
  }

  @Test
  void theSummaryOfADistributedRunListsItsSegments() {
    String md = RunSummary.render(distributed());
    assertThat(md).contains("## Segments")
        .contains("| segment-1 | driver-1@host-a/41 | no | 30 | 30 | 0 | 0 | 0 | 2.50 |")
        .contains("| segment-2 | driver-3@host-c/<43> | yes (2 attempts) | 30 | 28 | 1 | 1 | 8 | 2.00 |");
    assertThat(RunSummary.render(fixture(0))).doesNotContain("## Segments");
  }

  @Test
  void aChartWhoseColumnsHaveNoSampleIsLeftOut() throws Exception {
    RunRecord run = fixture(0);
    Map<String, java.util.List<Double>> values = new java.util.TreeMap<>(run.series().values());
    values.put(SeriesColumn.HEAP_USED_MB.id(), java.util.Collections.nCopies(run.series().elapsedS().size(), null));
    values.remove(SeriesColumn.WORKER_CPU_PERCENT.id());
    RunRecord gaps = run.toBuilder()
        .series(new TimeSeries(run.series().intervalS(), run.series().elapsedS(), values)).build();
    Map<String, JsonNode> charts = PageData.charts(RunReport.render(gaps, null));
    assertThat(charts).doesNotContainKeys("series-heap", "series-cpu").containsKey("series-throughput");
  }

  @Test
  void latencyCurvesComeFromTheHistogramsNotTheSummary() throws Exception {
    RunRecord run = fixture(0);
    JsonNode client = PageData.charts(RunReport.render(run, null)).get("latency-client");
    JsonNode endToEnd = client.get("series").get(1);
    assertThat(endToEnd.get("label").asText()).isEqualTo("end-to-end");
    // grid point 10 is x = 10 (the 90th percentile), point 20 is x = 100 (99th)
    assertThat(client.get("x").get(10).asDouble()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    var summary = run.latencyMs().get(RunRecord.LATENCY_END_TO_END);
    assertThat(endToEnd.get("values").get(10).asDouble()).isEqualTo(summary.p90());
    assertThat(endToEnd.get("values").get(20).asDouble()).isEqualTo(summary.p99());
    assertThat(endToEnd.get("values").get(60).asDouble()).isEqualTo(summary.max());
  }

  @Test
  void settingsAreDiffedAgainstTheBaseline() {
    String html = RunReport.render(
        fixture(Fixtures.RUNS - 1).toBuilder().runtimeSetting("workflow_cache_size", 150).build(), fixture(0));
    assertThat(html).contains("1 setting(s) differ");
    assertThat(html).contains("<tr class=\"changed\"><td><code>workflow_cache_size</code></td><td>150</td>"
        + "<td>600</td><td>changed</td></tr>");
    assertThat(html).contains("<code>slots.workflow.max</code></td><td>200</td>");
  }

  @Test
  void linksGatlingReportAndInlinesTheChartLibrary() {
    String html = RunReport.render(fixture(0), null);
    assertThat(html).contains("<a href=\"gatling/workerload128simulation/index.html\">Gatling report</a>");
    assertThat(html.contains("var uPlot=function(){")).as("uPlot inlined").isTrue();
    for (String remote : new String[] {"<script src", "<link ", "http://cdn", "https://cdn"}) {
      assertThat(html.contains(remote)).as("page references %s", remote).isFalse();
    }
  }

  @Test
  void artifactsMissingBesideTheReportAreNotLinked(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("gatling/workerload128simulation"));
    Files.writeString(dir.resolve("gatling/workerload128simulation/index.html"), "<html></html>");
    String html = Files.readString(RunReport.write(dir, fixture(0), null));
    assertThat(html).contains("<a href=\"gatling/workerload128simulation/index.html\">Gatling report</a>");
    assertThat(html).contains("<li>worker_metrics <code>workers/worker-1/metrics.jsonl</code> (not next to this "
        + "report: kept in the original run directory)</li>");
  }

  @Test
  void escapesTextFromTheRecord() throws Exception {
    String evil = "<script>alert('x')</script>";
    RunRecord run = fixture(0).toBuilder().scenario(evil)
        .threshold(Threshold.evaluate("<img src=x onerror=alert(1)>", "a\"b", Threshold.Op.LT, 1, 2.0, ""))
        .runtimeSetting("note", "</script><script>alert(2)</script>")
        .artifact("evil", "javascript:alert(3)")
        .build();
    String html = RunReport.render(run, null);
    assertThat(html).doesNotContain(evil, "<img src=x", "<script>alert", "href=\"javascript:");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;", "a&quot;b");
    PageData.charts(html); // the data island still parses
  }

  @Test
  void recordWithoutSeriesOrHistogramsStillRenders(@TempDir Path dir) throws Exception {
    RunRecord bare = RunRecord.builder().runId("bare").scenario("smoke").startedAt(fixture(0).startedAt())
        .environment(fixture(0).environment()).load(fixture(0).load()).build();
    Path file = RunReport.write(dir, bare, null);
    String html = Files.readString(file);
    assertThat(html).contains("The scenario declares no thresholds", "This run recorded no Gatling report");
    assertThat(PageData.charts(html).values()).allSatisfy(c -> assertThat(PageData.points(c)).isZero());
  }
}
