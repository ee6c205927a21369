package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.runner.RuntimeComparisonRunner.Comparison;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two settings, one round, one in-memory server: both runs land, the table names both, exit 0. The baseline is
 * plain-sdk, so this also shows that the SDK's own worker runs the catalog with none of the harness's metrics
 * (its record has no worker-side latencies) and that the overhead line is written.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class RuntimeComparisonIT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void comparesTwoSettingsAgainstOneServer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new RuntimeComparisonRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new Comparison(RunOptions.of("smoke").withOut(LoadSuiteIT.RUNS).withServer("in-memory"),
            List.of(RuntimeMode.PLAIN_SDK, RuntimeMode.ADAPTIVE), 1, RuntimeMode.ADAPTIVE));
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
    assertThat(table).contains("| plain-sdk | 1/1 |").contains("| adaptive (candidate) | 1/1 |")
        .contains("| throughput (wf/s) | plain-sdk |")
        .containsPattern("Runtime overhead: adaptive / plain-sdk worker CPU per completed workflow without the JIT "
            + "compiler threads \\(start-up, paid once per process\\), paired within each round: \\d+\\.\\d{3}x.*"
            + "With them: \\d+\\.\\d{3}x");
    RunRecord plain;
    RunRecord adaptive;
    try (Stream<Path> runs = Files.list(markdown.getParent())) {
      List<RunRecord> records = runs.filter(p -> Files.exists(p.resolve("run.json"))).map(RunRecords::read).toList();
      plain = records.stream().filter(r -> r.runId().endsWith("plain-sdk")).findFirst().orElseThrow();
      adaptive = records.stream().filter(r -> r.runId().endsWith("adaptive")).findFirst().orElseThrow();
    }
    // No interceptor, no metrics scope: the plain SDK worker reports CPU but no poll or schedule-to-start samples.
    for (String metric : List.of(RunRecord.LATENCY_POLL, RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START)) {
      assertThat(plain.latencyMs().get(metric).count()).as("plain-sdk " + metric).isZero();
      assertThat(adaptive.latencyMs().get(metric).count()).as("adaptive " + metric).isPositive();
    }
    assertThat(plain.resources().workerCpuMsPerWorkflow()).isPositive();
    assertThat(adaptive.resources().workerCpuMsPerWorkflow()).isPositive();
    // The worker processes read their JIT compiler threads' CPU from /proc: part of the total, never all of it.
    for (RunRecord r : List.of(plain, adaptive)) {
      assertThat(r.resources().workerJitCpuMsPerWorkflow()).as(r.runId() + " JIT CPU per workflow").isPositive()
          .isLessThan(r.resources().workerCpuMsPerWorkflow());
    }
    try (Stream<Path> runs = Files.list(markdown.getParent())) {
      assertThat(runs.filter(p -> Files.exists(p.resolve("run.json"))).count()).isEqualTo(2);
    }
    assertThat(markdown.resolveSibling("comparison.json")).content().contains("\"candidate\" : \"adaptive\"");
  }

  /**
   * On the dev server every run gets a server of its own (the first run's in {@code server}, the second's in
   * {@code server-2}), and after every run its leftovers are looked for.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aDevServerComparisonStartsEveryRunOnAFreshServer() throws Exception {
    var cli = new dev.loadharness.scenarios.server.SystemProbes(dev.loadharness.scenarios.server.SettingSource.system())
        .temporalCli();
    org.junit.jupiter.api.Assumptions.assumeTrue(cli.isPresent(),
        "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new RuntimeComparisonRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new Comparison(RunOptions.of("smoke").withOut(LoadSuiteIT.RUNS).withServer("dev-server"),
            List.of(RuntimeMode.FIXED, RuntimeMode.ADAPTIVE), 1, RuntimeMode.ADAPTIVE));
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    assertThat(Pattern.compile("a fresh dev-server for this run").matcher(output).results().count()).as(output)
        .isEqualTo(1);
    assertThat(Pattern.compile("leftovers of \\S+-(fixed|adaptive): terminated 0 open workflow\\(s\\)").matcher(output)
        .results().count()).as(output).isEqualTo(2);
    Matcher dir = Pattern.compile("comparison: (\\S+comparison\\.md)").matcher(output);
    assertThat(dir.find()).as(output).isTrue();
    Path comparison = Path.of(dir.group(1)).getParent();
    assertThat(comparison.resolve("server")).isDirectory();
    assertThat(comparison.resolve("server-2")).isDirectory();
    assertThat(Path.of(dir.group(1))).content().contains("| fixed | 1/1 |").contains("| adaptive (candidate) | 1/1 |");
  }
}
