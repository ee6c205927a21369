package dev.loadharness.gatling.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.gate.VisibilityCheck;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.runner.DistributedRunner;
import dev.loadharness.gatling.runner.RunOptions;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.SegmentSummary;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/load <spec> --drivers 3} on the real dev server (the Temporal CLI's): three driver JVMs
 * coordinated by the load-test workflow, one worker JVM, one record. Then the same with one driver JVM killed
 * mid-segment (two segments on the three drivers, so one is spare): its segment is retried on another driver
 * and nothing is lost or counted twice.
 */
class DistributedRunIT {
  private static final String SPEC = "src/test/resources/specs/distributed.yaml";
  private static final int WORKFLOWS = 60;
  private static final Pattern STARTED = Pattern.compile("started\\s+(\\d+)\\s+completed\\s+(\\d+)");

  @TempDir Path dir;

  @BeforeAll
  static void needsTheDevServer() {
    Assumptions.assumeTrue(new SystemProbes(SettingSource.system()).temporalCli().isPresent(),
        "the Temporal CLI (dev server) is not installed: scripts/install-temporal-cli");
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void threeDriversGiveOneRecordWhoseCountsAreTheSumOfTheSegments() throws Exception {
    RunOutcome outcome = run(3);

    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(outcome.exitCode()).as(String.valueOf(record.error())).isZero();
    assertEveryWorkflowCountedOnce(record);
    assertThat(record.segments()).extracting(SegmentSummary::id).containsExactly("segment-1", "segment-2", "segment-3");
    assertThat(record.segments()).extracting(SegmentSummary::started).containsExactly(20L, 20L, 20L);
    assertThat(record.runtime()).containsEntry("load_segments", 3);
    assertThat(record.segments()).allSatisfy(s -> {
      assertThat(s.durationS()).as("%s duration", s.id()).isPositive().isLessThanOrEqualTo(record.load().durationS());
      assertThat(s.throughputWps()).as("%s throughput", s.id()).isCloseTo(s.completed() / s.durationS(),
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(s.retried()).isFalse();
    });
    assertThat(record.latencyMs().get(RunRecord.LATENCY_END_TO_END).count())
        .as("every workflow started by the attempt that counted it has its latency")
        .isEqualTo(WORKFLOWS - record.segments().stream().mapToLong(SegmentSummary::attached).sum());
    assertThat(record.series().elapsedS()).isNotEmpty();
    assertThat(outcome.runDirectory().resolve("report.html")).exists();
    assertNoDriverAlive(outcome.runDirectory());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aDriverKilledMidSegmentLosesNothingAndCountsNothingTwice() throws Exception {
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    AtomicReference<String> killed = new AtomicReference<>();
    watcher.scheduleWithFixedDelay(() -> killOneMidSegment(killed), 500, 500, TimeUnit.MILLISECONDS);
    RunOutcome outcome;
    try {
      // Two segments on three drivers: the spare driver takes the killed driver's segment at once.
      outcome = run(2);
    } finally {
      watcher.shutdownNow();
    }

    assertThat(killed.get()).as("a driver was killed mid-segment").isNotNull();
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(outcome.exitCode()).as(String.valueOf(record.error())).isZero();
    assertEveryWorkflowCountedOnce(record);
    assertThat(record.events()).extracting(RunEvent::kind).contains("segment_retried");
    SegmentSummary retried = record.segments().stream().filter(s -> s.attempts() > 1).findFirst().orElseThrow();
    assertThat(retried.attached()).as("workflows the killed driver had started, attached to by the retry").isPositive();
    assertThat(retried.driver()).doesNotContain(killed.get());
    assertNoDriverAlive(outcome.runDirectory());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void anExecutionTheLedgerDidNotCountOrOneMissingBreachesTheExecutionsBar() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TEMPORAL_SERVER", "dev-server");
    SettingSource source = new SettingSource(env, new Properties());
    try (ServerEnvironment server = new ServerEnvironments(source, new SystemProbes(source)).open(dir)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(server.connection().toStubsOptions().build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs,
            WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
        // No worker polls this queue: the execution stays running, which is all the count needs.
        client.newUntypedWorkflowStub("LinearWorkflow", WorkflowOptions.newBuilder().setTaskQueue("nobody")
            .setWorkflowId("bar-wf-0").build()).start();

        // Visibility lags the start (longer on a busy machine): until the server lists it, a count of 0 is what a
        // ledger of 0 expects, so first wait (the check asks up to ten times) for the server to list it.
        assertThat(VisibilityCheck.executions(client, "bar-wf-", counts(1), 0)).get()
            .satisfies(v -> assertThat(v.consistent()).as("the started execution listed by the server").isTrue());
        assertThat(VisibilityCheck.executions(client, "bar-wf-", counts(0), 0)).get()
            .satisfies(v -> assertThat(v.consistent()).as("an execution nobody counted started").isFalse());
        assertThat(VisibilityCheck.executions(client, "bar-wf-", counts(2), 0)).get()
            .satisfies(v -> assertThat(v.consistent()).as("two counted started, one on the server").isFalse());
        assertThat(VisibilityCheck.executions(client, "bar-wf-", counts(2), 1)).get()
            .satisfies(v -> assertThat(v.consistent()).as("one of two starts failed before the server").isTrue())
            .satisfies(v -> assertThat(v.running()).isEqualTo(1));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static RunLedger.Counts counts(long started) {
    return new RunLedger.Counts(started, 0, 0, 0, started, 0);
  }

  private RunOutcome run(int segments) {
    RunOptions options = new RunOptions(SPEC, Optional.of("dev-server"), Optional.empty(), dir, Duration.ofSeconds(2));
    return new DistributedRunner(System.out).run(new DistributedRunner.Request(options, Optional.of(3),
        Optional.of(segments), "unused", Duration.ofSeconds(10), Optional.empty()));
  }

  /** Every workflow started once, ended once, seen once by the server, and the load is the segments' sum. */
  private static void assertEveryWorkflowCountedOnce(RunRecord record) {
    assertThat(record.verdict()).isEqualTo(Verdict.PASS);
    assertThat(record.load().started()).isEqualTo(WORKFLOWS);
    assertThat(record.load().completed()).isEqualTo(WORKFLOWS);
    assertThat(record.load().unaccounted()).isZero();
    assertThat(record.segments().stream().mapToLong(SegmentSummary::started).sum()).isEqualTo(record.load().started());
    assertThat(record.segments().stream().mapToLong(SegmentSummary::completed).sum())
        .isEqualTo(record.load().completed());
    Threshold executions = record.thresholds().stream().filter(t -> t.metric().equals("visibility_executions"))
        .findFirst().orElseThrow();
    assertThat(executions.actual()).as("executions of the run's ids on the server").isEqualTo((double) WORKFLOWS);
    assertThat(record.thresholds()).filteredOn(t -> t.metric().equals("visibility_running"))
        .singleElement().satisfies(t -> assertThat(t.pass()).isTrue());
  }

  /** Kills (SIGKILL) the first driver whose segment has started workflows but not finished them. */
  private void killOneMidSegment(AtomicReference<String> killed) {
    if (killed.get() != null) {
      return;
    }
    try (Stream<Path> logs = Files.walk(dir, 4)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().equals("driver.log")).toList()) {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
          Matcher m = STARTED.matcher(lines.get(i));
          if (m.find()) {
            int started = Integer.parseInt(m.group(1));
            if (started >= 5 && Integer.parseInt(m.group(2)) < started) {
              long pid = Long.parseLong(Files.readString(log.resolveSibling("ready")).trim());
              ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
              killed.set("/" + pid);
              System.out.println("test: killed " + log.getParent().getFileName() + " (pid " + pid + ") after "
                  + started + " started");
              return;
            }
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The run directory is still being created: look again next tick.
    }
  }

  private static void assertNoDriverAlive(Path runDir) {
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(runDir.toString())))
        .as("driver or worker JVMs of the run still alive").isEmpty();
  }
}
