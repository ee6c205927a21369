package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.runner.RuntimeComparisonRunner.Comparison;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two settings, one round, one in-memory server: both runs land, the table names both, exit 0. */
class RuntimeComparisonIT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void comparesTwoSettingsAgainstOneServer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new RuntimeComparisonRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new Comparison(RunOptions.of("smoke").withOut(LoadSuiteIT.RUNS).withServer("in-memory"),
            List.of(RuntimeMode.FIXED, RuntimeMode.ADAPTIVE), 1, RuntimeMode.ADAPTIVE));
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    Matcher servers = Pattern.compile("server: in-memory \\S+ \\S+ at (\\S+)").matcher(output);
    List<String> targets = servers.results().map(m -> m.group(1)).toList();
    assertThat(targets).hasSize(2);
    assertThat(targets.get(1)).as("both runs used the same server").isEqualTo(targets.get(0));
    Matcher dir = Pattern.compile("comparison: (\\S+comparison\\.md)").matcher(output);
    assertThat(dir.find()).as(output).isTrue();
    Path markdown = Path.of(dir.group(1));
    String table = Files.readString(markdown);
    assertThat(table).contains("| fixed | 1/1 |").contains("| adaptive (candidate) | 1/1 |")
        .contains("| throughput (wf/s) | fixed |");
    try (Stream<Path> runs = Files.list(markdown.getParent())) {
      assertThat(runs.filter(p -> Files.exists(p.resolve("run.json"))).count()).isEqualTo(2);
    }
    assertThat(markdown.resolveSibling("comparison.json")).content().contains("\"candidate\" : \"adaptive\"");
  }
}
