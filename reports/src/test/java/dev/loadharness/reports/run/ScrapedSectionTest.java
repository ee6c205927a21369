package dev.loadharness.reports.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.BucketLatency;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Saturation;
import dev.loadharness.reports.record.ScrapedMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scraped metrics and the saturation verdict survive run.json and show, as bucket bounds, in the report. */
class ScrapedSectionTest {
  static RunRecord withScrapes() {
    ScrapedMetrics server = new ScrapedMetrics(ScrapedMetrics.SOURCE_PROMETHEUS_BUCKETS,
        List.of("http://127.0.0.1:9000/metrics"), 30, 1, 29.5,
        Map.of("persistence", new BucketLatency(800, 3.2, 0, 1.0, 50, 100.0, 100, null)),
        Map.of("service_requests_per_s", 41.5, "service_errors", 0.0), "timed out");
    ScrapedMetrics fleet = new ScrapedMetrics(ScrapedMetrics.SOURCE_PROMETHEUS_BUCKETS,
        List.of("http://127.0.0.1:9464/metrics"), 30, 0, 29.5,
        Map.of(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, new BucketLatency(24, 120.0, 89.4, 111.8, 447.4, 984.3,
            447.4, 984.3)), Map.of("sticky_cache_hits", 40.0), null);
    return RunReportTest.fixture(0).toBuilder().workerScrape(fleet).serverMetrics(server)
        .saturation(new Saturation(Saturation.SERVER, 12.0, null, "persistence p95 <= 200.0 ms", null, "the rule"))
        .build();
  }

  @Test
  void theNewFieldsRoundTripThroughRunJson(@TempDir Path dir) {
    RunRecord run = withScrapes();
    RunRecords.write(dir.resolve("run.json"), run);
    RunRecord read = RunRecords.read(dir);
    assertThat(read.serverMetrics()).isEqualTo(run.serverMetrics());
    assertThat(read.workerScrape()).isEqualTo(run.workerScrape());
    assertThat(read.saturation()).isEqualTo(run.saturation());
  }

  @Test
  void theReportShowsBucketBoundsAndWhichSideSaturatedFirst() {
    String html = RunReport.render(withScrapes(), null);
    assertThat(html).contains("id=\"saturation-line\">the server saturated first, at 12.0 s (persistence p95 &lt;= "
        + "200.0 ms); the workers never did", "id=\"server-metrics\"", "id=\"worker-scrape\"",
        "<td>persistence</td><td class=\"num\">800</td>", "(50, 100]", "(100, +Inf]", "(447.400, 984.300]",
        "not samples");
    assertThat(RunSummary.render(withScrapes())).contains("- saturation: the server saturated first",
        "persistence p95 in (50, 100] ms");
    assertThat(RunReport.render(RunReportTest.fixture(0), null)).doesNotContain("id=\"saturation\"",
        "id=\"server-metrics\"");
  }
}
