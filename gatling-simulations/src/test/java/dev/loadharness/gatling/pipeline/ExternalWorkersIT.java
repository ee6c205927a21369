package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.LoopbackPorts;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deployed fleet: two worker JVMs (the adaptive runtime serving Prometheus) started by this test, not by the
 * run, on the dev server (with its own metrics endpoint). The run starts no workers, drives the fleet's task
 * queue, and knows the workers only through their endpoints. Needs the Temporal CLI (.ci/run installs it).
 */
class ExternalWorkersIT {
  private static final String QUEUE = "fleet-" + Long.toHexString(System.nanoTime());
  private static final List<Process> FLEET = new ArrayList<>();
  private static final List<String> URLS = new ArrayList<>();
  private static DevServer server;
  private static Path dir;

  @BeforeAll
  static void startServerAndFleet() throws Exception {
    var cli = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(cli.isPresent(), "Temporal CLI not found on PATH or TEMPORAL_CLI: run scripts/install-temporal-cli");
    dir = Files.createTempDirectory("external-workers");
    server = DevServer.start(DevServerOptions.defaults(cli.get(), "default", dir.resolve("server")));
    for (int i = 1; i <= 2; i++) {
      int port = LoopbackPorts.freePort();
      Path workerDir = dir.resolve("fleet/worker-" + i);
      Files.createDirectories(workerDir);
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
          "--worker-id", "fleet-" + i, "--task-queue", QUEUE, "--dir", workerDir.toString(), "--runtime", "adaptive",
          "--metrics-port", String.valueOf(port), "--max-lifetime", "PT5M",
          "--parent-pid", String.valueOf(ProcessHandle.current().pid()))
          .redirectErrorStream(true).redirectOutput(workerDir.resolve("worker.log").toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_"));
      builder.environment().putAll(server.connection().toEnvironment());
      FLEET.add(builder.start());
      URLS.add("http://127.0.0.1:" + port + "/metrics");
    }
    for (int i = 0; i < FLEET.size(); i++) {
      Path ready = dir.resolve("fleet/worker-" + (i + 1) + "/ready");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(ready)) {
        assertThat(FLEET.get(i).isAlive()).as("fleet worker %d alive (log in %s)", i + 1, ready.getParent()).isTrue();
        assertThat(System.nanoTime()).as("fleet worker %d polling within 60 s", i + 1).isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopFleetAndServer() throws InterruptedException {
    for (Process p : FLEET) {
      p.destroy();
    }
    for (Process p : FLEET) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (server != null) {
      server.close();
    }
  }

  private static RunOutcome run(String name, String thresholds) throws IOException {
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(spec, """
        name: %s
        description: A deployed fleet driven at its task queue and known only through its Prometheus endpoints.
        workflows: 24
        mix:
          - {kind: linear, weight: 1, params: {steps: 2, cpu_ms: 5, io_ms: 20}}
          - {kind: dag, weight: 1, params: {cpu_ms: 5, io_ms: 20}}
        injection: {model: constant-rate, rate: 8}
        time_budget: 60s
        workers: {external: true, task_queue: %s, metrics_urls: [%s]}
        thresholds:
        %s
        """.formatted(name, QUEUE, String.join(", ", URLS), thresholds));
    RunPlan plan = RunPlan.create(ScenarioSpecs.load(spec.toString()), dir.resolve("runs"), "", Duration.ofSeconds(1));
    return new LoadRun(System.out).execute(plan, server);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aRunAgainstTheFleetPassesWithWorkerMetricsFromScrapingOnly() throws Exception {
    RunOutcome outcome = run("external-fleet", """
          - {metric: failed, op: "==", limit: 0}
          - {metric: completed_ratio, op: ">=", limit: 1}
          - {metric: workflow_task_schedule_to_start_p95_ms, op: "<", limit: 10000}
          - {metric: poll_p95_ms, op: "<", limit: 60000}
          - {metric: sticky_hit_ratio, op: ">", limit: 0}
        """);
    assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(RunOutcome.PASS);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().completed()).isEqualTo(24);
    assertThat(outcome.runDirectory().resolve("workers")).doesNotExist();
    assertThat(record.latencyMs().get(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START).count())
        .as("no exact worker samples: the harness ran no workers").isZero();
    assertThat(record.workerScrape()).isNotNull();
    assertThat(record.workerScrape().urls()).containsExactlyElementsOf(URLS);
    assertThat(record.workerScrape().scrapes()).isGreaterThan(4);
    assertThat(record.workerScrape().latencyMs().get(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START).count())
        .isGreaterThanOrEqualTo(24);
    assertThat(record.workerScrape().latencyMs()).containsKeys(RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START,
        RunRecord.LATENCY_POLL);
    assertThat(record.sticky().hits() + record.sticky().misses()).isPositive();
    assertThat(record.series().hasData(SeriesColumn.SLOTS_USED)).isTrue();
    assertThat(record.series().hasData(SeriesColumn.WORKFLOW_SLOT_LIMIT)).isTrue();
    assertThat(record.series().hasData(SeriesColumn.POLLERS)).isTrue();
    assertThat(record.serverMetrics()).isNotNull();
    assertThat(record.saturation()).isNotNull();
    assertThat(outcome.runDirectory().resolve("report.html")).content()
        .contains("id=\"worker-scrape\"", "prometheus_buckets", "id=\"server-metrics\"", "id=\"saturation\"");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aScrapedLatencyBarIsJudgedOnTheBucketsUpperBoundAndCanFail() throws Exception {
    RunOutcome outcome = run("external-fleet-breach", """
          - {metric: failed, op: "==", limit: 0}
          - {metric: workflow_task_schedule_to_start_p95_ms, op: "<", limit: 0.001}
        """);
    assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(RunOutcome.BREACH);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
    Threshold bar = outcome.breaches().get(0);
    assertThat(bar.name()).isEqualTo("workflow_task_schedule_to_start_p95_ms < 0.001");
    assertThat(bar.actual()).isEqualTo(record.workerScrape().latencyMs()
        .get(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START).p95UpperMs());
  }
}
