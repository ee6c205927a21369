package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadharness.reports.ab.AbMetric;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --baseline} with a classpath baseline (this JVM's own, so nothing is built) for two rounds of smoke on
 * one in-memory server: four runs, head and base alternating, each metric with a verdict (inconclusive: two
 * rounds are below the three a verdict needs), base runs' records naming the baseline's commit.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class BaselineIT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void comparesHeadWithAClasspathBaselineInTwoRounds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new BaselineRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(new BaselineRunner.Request(
        RunOptions.of("smoke").withOut(LoadSuiteIT.RUNS).withServer("in-memory"),
        System.getProperty("java.class.path"), "this classpath", "0123456789abcdef", 2));
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).as("two rounds are too few for any verdict but inconclusive, so never a regression: %s", output)
        .isZero();
    List<String> order = Pattern.compile("=== run \\d/4: round (\\d), (head|base) ===").matcher(output).results()
        .map(m -> m.group(1) + m.group(2)).toList();
    assertThat(order).as("rotated: head first in round 1, base first in round 2")
        .containsExactly("1head", "1base", "2base", "2head");
    List<String> targets = Pattern.compile("server: in-memory \\S+ \\S+ at (\\S+)").matcher(output).results()
        .map(m -> m.group(1)).distinct().toList();
    assertThat(targets).as("one server for all runs").hasSize(1);

    Matcher found = Pattern.compile("comparison: (\\S+comparison\\.md)").matcher(output);
    assertThat(found.find()).as(output).isTrue();
    Path markdown = Path.of(found.group(1));
    String md = Files.readString(markdown);
    for (AbMetric metric : AbMetric.ALL) {
      assertThat(md).as("a verdict for %s", metric.name()).containsPattern("\\| " + Pattern.quote(metric.label())
          + " \\([^)]*\\) \\|.*\\| \\*\\*(inconclusive|no data)\\*\\*");
    }
    assertThat(md).contains("percentile bootstrap (10000 resamples").contains("base: this classpath");
    JsonNode json = new ObjectMapper().readTree(markdown.resolveSibling("comparison.json").toFile());
    assertThat(json.get("exit_code").asInt()).isEqualTo(exit);
    assertThat(markdown.resolveSibling("comparison.html")).content().contains("id=\"ab-verdict\"");

    try (Stream<Path> runs = Files.list(markdown.getParent())) {
      List<Path> base = runs.filter(p -> p.getFileName().toString().endsWith("-base")).toList();
      assertThat(base).hasSize(2);
      RunRecord record = RunRecords.read(base.get(0).resolve("run.json"));
      assertThat(record.git().commit()).as("a base run names the baseline's commit").isEqualTo("0123456789abcdef");
    }
  }
}
