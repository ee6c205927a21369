package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.browser.ChartsDrawn;
import dev.loadharness.reports.browser.HeadlessChromium;
import dev.loadharness.reports.html.PageData;
import dev.loadharness.reports.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real adaptive run (not a fixture): every chart it draws has data in every series, the
 * charts of the adaptive controller's decisions and the workers' resources are among them, and headless
 * Chromium draws each one.
 */
class RealRunReportIT {
  @TempDir Path work;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyChartOfARealAdaptiveRunHasData() throws Exception {
    RunOutcome outcome = LoadRunsForTests.run("worker-load-128-adaptive", LoadSuiteIT.RUNS);
    LoadSuiteIT.assertPassed(outcome);
    Path page = outcome.runDirectory().resolve(RunReport.FILE_NAME);
    Map<String, JsonNode> charts = PageData.charts(Files.readString(page));
    assertThat(charts).containsKeys("series-throughput", "series-in-flight", "series-slots", "series-queue-depth",
        "series-pollers", "series-sticky", "series-cpu", "series-heap");
    charts.forEach((id, chart) -> chart.get("series").forEach(series -> {
      long samples = 0;
      for (JsonNode v : series.get("values")) {
        samples += v.isNull() ? 0 : 1;
      }
      assertThat(samples).as("samples of %s in chart %s", series.get("label").asText(), id).isPositive();
    }));
    assertThat(charts.get("series-slots").get("series")).extracting(s -> s.get("label").asText())
        .contains("workflow_slot_limit", "activity_slot_limit");

    StringBuilder why = new StringBuilder();
    Optional<HeadlessChromium> chromium = HeadlessChromium.findOrInstall(why);
    Assumptions.assumeTrue(chromium.isPresent(), () -> "browser part skipped: " + why);
    ChartsDrawn.assertAllDrawn(chromium.get(), page, work);
  }
}
