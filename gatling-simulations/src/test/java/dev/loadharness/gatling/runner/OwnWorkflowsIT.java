package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Workload;
import dev.loadharness.scenarios.spec.UserCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example project (examples/order-workflows) as a user runs it: its jar handed to the workers with
 * --worker-classpath (not on their inherited classpath), its own load spec with thresholds, on the
 * auto-selected server (the dev server where the Temporal CLI is installed).
 */
class OwnWorkflowsIT {
  private static final Path JAR = Path.of(System.getProperty("example.jar", "../examples/order-workflows/target/"
      + "order-workflows-0.1.0-SNAPSHOT.jar"));
  private static final String SPEC = System.getProperty("example.spec", "../examples/order-workflows/load.yaml");

  private static RunOptions options(String spec, List<String> workflowClasses) {
    return new RunOptions(spec, Optional.empty(), Optional.empty(), LoadSuiteIT.RUNS, Duration.ofSeconds(2), Map.of(),
        Optional.of(new UserCode(List.of(JAR), workflowClasses, List.of())));
  }

  @Test
  @Tag("alone") // its spec's end-to-end p95 bar (about 1.2 s alone, 9 s beside another fork in CI): pom.xml
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theExampleProjectsWorkflowsRunFromItsJarAndPassItsSpec() throws Exception {
    assertThat(JAR).as("the example project's jar (built by the reactor before this module)").exists();
    RunOutcome outcome = new LoadRunner(System.out).run(options(SPEC, List.of()));
    LoadSuiteIT.assertPassed(outcome);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.load().completed()).isEqualTo(record.load().started()).isEqualTo(24);
    assertThat(record.workload().mix()).extracting(Workload.MixEntry::kind)
        .containsExactly("OrderWorkflow", "RefundWorkflow");
    assertThat(record.thresholds()).extracting(t -> t.name())
        .contains("end_to_end_p95_ms < 5000", "workflow_task_schedule_to_start_p95_ms < 2000");
    assertThat(outcome.runDirectory().resolve("workers/worker-1/worker.log")).content()
        .contains("from catalogs [orders]");
    if (record.environment().serverKind().equals("dev-server")) {
      // The dev server's own metrics endpoint, scraped every second into run.json and report.html.
      assertThat(record.serverMetrics()).as("server metrics scraped from the dev server").isNotNull();
      assertThat(record.serverMetrics().latencyMs().get("persistence").count()).isPositive();
      assertThat(record.serverMetrics().values().get("service_requests_per_s")).isPositive();
      assertThat(record.series().hasData(dev.loadharness.reports.record.SeriesColumn.SERVER_REQUEST_RATE)).isTrue();
      assertThat(record.saturation()).isNotNull();
      assertThat(outcome.runDirectory().resolve("report.html")).content()
          .contains("id=\"server-metrics\"", "<td>persistence</td>", "id=\"saturation-line\"",
              "series-server-persistence");
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void anUnknownTypeOrClassExitsTwoBeforeAnyServerStarts() throws Exception {
    Path spec = Files.createTempFile("unknown-type", ".yaml");
    Files.writeString(spec, Files.readString(Path.of(SPEC)).replace("type: RefundWorkflow", "type: RefundWorkflo"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome unknownType = new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(options(spec.toString(), List.of()));
    RunOutcome unknownClass = new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(options(SPEC, List.of("com.example.orders.Missing")));
    assertThat(unknownType.exitCode()).isEqualTo(RunOutcome.ERROR);
    assertThat(unknownClass.exitCode()).isEqualTo(RunOutcome.ERROR);
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "ERROR: mix[1].type: unknown workflow type \"RefundWorkflo\"; catalog(s) orders in " + JAR.toAbsolutePath()
            .normalize() + " registers: OrderWorkflow, RefundWorkflow",
        "ERROR: --workflow-class com.example.orders.Missing: class not found on the worker classpath "
            + "(ClassNotFoundException)");
  }
}
