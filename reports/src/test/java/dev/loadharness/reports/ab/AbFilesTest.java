package dev.loadharness.reports.ab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadharness.reports.html.PageData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three files of a comparison carry a verdict per metric, the method and the charts' points. */
class AbFilesTest {

  @Test
  void writesMarkdownJsonAndPage(@TempDir Path dir) throws Exception {
    AbComparison c = AbComparison.paired("abc1234 (head)", "HEAD~1 @ def5678",
        AbRuns.rounds(3, new double[] {1.0}, new double[] {2.0}));
    List<AbRun> runs = List.of(new AbRun("head", 1, "r1-head", "PASS", "r1-head"),
        new AbRun("base", 1, "r1-base", "PASS", "r1-base"));

    String md = AbFiles.write(dir, c, runs);

    assertThat(md).contains("**REGRESSED** beyond the minimum effect: end-to-end p50")
        .contains("percentile bootstrap (10000 resamples, seed 20261124)")
        .contains("| end-to-end p95 (ms) | lower |").contains("| **regressed** |")
        .contains("[report](r1-head/report.html)");
    for (AbMetric metric : AbMetric.ALL) {
      assertThat(md).contains("| " + metric.label() + " (");
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve(AbFiles.JSON).toFile());
    assertThat(json.get("exit_code").asInt()).isEqualTo(1);
    assertThat(json.at("/comparison/metrics/1/verdict").asText()).isEqualTo("REGRESSED");
    String html = Files.readString(dir.resolve(AbPage.FILE_NAME));
    Map<String, JsonNode> charts = PageData.charts(html);
    assertThat(charts).containsKey("ab-ratios").containsKey("ab-end-to-end-p95-ms");
    assertThat(PageData.points(charts.get("ab-ratios"))).isPositive();
    assertThat(charts.get("ab-ratios").get("xTitle").asText()).isEqualTo("metric");
    assertThat(html).contains("id=\"ab-verdict\"").contains("REGRESSED beyond the minimum effect");
  }
}
