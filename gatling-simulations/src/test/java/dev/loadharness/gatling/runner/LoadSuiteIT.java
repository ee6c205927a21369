package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate of every build: smoke and worker-load-128 against the auto-selected server (dev-server where the
 * Temporal CLI is installed, the in-memory server otherwise), with real worker JVMs. A breach fails the
 * build with each breached threshold's actual vs limit.
 */
@Tag("alone") // judged on latency or throughput: runs with the machine to itself (pom.xml)
class LoadSuiteIT {
  static final Path RUNS = Path.of("target", "it-runs");

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void smokePasses() {
    RunOutcome outcome = LoadRunsForTests.run("smoke", RUNS);
    assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory().resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.PASS);
    assertThat(record.load().completed()).isEqualTo(record.load().started()).isEqualTo(12);
    assertThat(outcome.runDirectory().resolve(record.artifacts().get(RunRecord.ARTIFACT_GATLING_REPORT))).exists();
    assertThat(outcome.runDirectory().resolve("summary.md")).exists();
    assertThat(outcome.runDirectory().resolve("report.html")).content().contains("<table").contains("smoke");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void workerLoad128MeetsEveryBar() throws java.io.IOException {
    RunOutcome outcome = LoadRunsForTests.run("worker-load-128", RUNS);
    assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory().resolve("run.json"));
    assertThat(record.load().started()).isEqualTo(128);
    assertThat(record.load().completed()).isEqualTo(128);
    assertThat(record.sticky().ratio()).isGreaterThan(0.70);
    assertThat(record.latencyMs().get(RunRecord.LATENCY_POLL).count()).isPositive();
    try (var workers = Files.list(outcome.runDirectory().resolve("workers"))) {
      assertThat(workers.count()).isEqualTo(2);
    }
  }

  static void assertPassed(RunOutcome outcome) {
    assertThat(outcome.exitCode())
        .as(() -> "run " + outcome.runDirectory() + " " + outcome.message() + "\nbreaches:\n  "
            + outcome.breaches().stream().map(Threshold::line).collect(Collectors.joining("\n  ")))
        .isZero();
  }
}
