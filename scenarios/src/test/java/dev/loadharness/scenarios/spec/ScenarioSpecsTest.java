package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.catalog.WorkflowKind;
import dev.loadharness.scenarios.server.ServerCapability;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ScenarioSpecsTest {
  static final java.util.List<String> SHIPPED = ScenarioSpecs.SHIPPED;

  @ParameterizedTest
  @FieldSource("SHIPPED")
  void everyShippedScenarioIsValid(String name) {
    ScenarioSpec spec = ScenarioSpecs.load(name);
    assertThat(spec.name()).isEqualTo(name);
    assertThat(spec.thresholds()).isNotEmpty();
  }

  @Test
  void workerLoad128CarriesThePlanBars() {
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    assertThat(spec.workflows()).isEqualTo(128);
    assertThat(spec.workers().workflowSlots()).isEqualTo(10);
    assertThat(spec.workers().activitySlots()).isEqualTo(14);
    assertThat(spec.timeBudget()).isEqualTo(Duration.ofSeconds(100));
    assertThat(spec.threshold(Metric.POLL_P95_MS)).get().extracting(ThresholdSpec::limit).isEqualTo(5000.0);
    assertThat(spec.threshold(Metric.STICKY_HIT_RATIO)).get().extracting(ThresholdSpec::name)
        .isEqualTo("sticky_hit_ratio > 0.700");
    assertThat(spec.mix()).extracting(WorkloadEntry::kind)
        .contains(WorkflowKind.CPU, WorkflowKind.IO, WorkflowKind.DAG, WorkflowKind.DIAMOND);
  }

  @Test
  void workerRestartNeedsARealServer() {
    assertThat(ScenarioSpecs.load("worker-restart").requires())
        .contains(ServerCapability.STICKY_WORKER_RECOVERY);
  }

  @Test
  void reportsEveryProblemWithItsFieldPath() {
    String text = """
        name: Bad Name
        workflows: 0
        mix:
          - {kind: dagg, weight: 1}
          - {kind: linear, weight: 1, params: {stepz: 3}}
        injection: {model: ramp}
        time_budget: 10 parsecs
        workers: {runtime: turbo}
        server: mainframe
        requires: [teleport]
        thresholds:
          - {metric: failed, op: "==", limit: 0}
          - {metric: poll_p95_ms, op: "<", limit: 5000}
          - {metric: pol_p95, op: "~", limit: 1}
        """;
    assertThatThrownBy(() -> ScenarioSpecs.parse("bad.yaml", text))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).problems()).containsExactly(
            "name: \"Bad Name\" must be lower-case letters, digits and dashes",
            "mix[0].kind: unknown workflow kind \"dagg\"; known: " + WorkflowKind.known(),
            "mix[1].params.stepz: unknown parameter of linear; known: cpu_ms, io_ms, steps",
            "injection.duration: missing; " + Durations.FORMAT,
            "workflows: must be >= 1, got 0",
            "time_budget: \"10 parsecs\" is not a duration; " + Durations.FORMAT,
            "workers.runtime: unknown runtime \"turbo\"; known: fixed, adaptive, sdk-resource-based, "
                + "sdk-poller-autoscaling, plain-sdk",
            "server: unknown server kind \"mainframe\"; known: auto, in-memory, dev-server, testcontainers, external",
            "requires[0]: unknown capability \"teleport\"; known: sticky-schedule-to-start-timeout, "
                + "describe-task-queue, reset-sticky-task-queue, poller-scaling-hints, sticky-worker-recovery, "
                + "persistent-history, visibility-count, schedules",
            "thresholds[2].metric: unknown metric \"pol_p95\"; known: " + Metric.known(),
            "thresholds[2].op: unknown op \"~\"; known: < <= > >= =="))
        .hasMessageStartingWith("bad.yaml: 11 problem(s):");
  }

  @Test
  void rejectsUnknownFieldsWithThePath() {
    String text = """
        name: x
        workflows: 1
        mix: [{kind: io, weight: 1, wieght: 2}]
        injection: {model: at-once}
        time_budget: 10s
        """;
    assertThatThrownBy(() -> ScenarioSpecs.parse("typo.yaml", text))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("mix[0].wieght: unknown field; known here: args, kind, params, type, weight");
  }

  @Test
  void unknownScenarioListsTheAvailableOnes() {
    assertThatThrownBy(() -> ScenarioSpecs.load("worker-load-129"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("unknown scenario \"worker-load-129\"; available: smoke, worker-load-128, ");
  }

  @Test
  void fieldsAModelIgnoresOrContradictsAreRefused() {
    String base = """
        name: m
        mix: [{kind: io, weight: 1}]
        time_budget: 60s
        """;
    assertThatThrownBy(() -> ScenarioSpecs.parse("c.yaml", base
        + "workflows: 100\ninjection: {model: closed, concurrency: 4, duration: 10s}\n"))
        .hasMessageContaining("workflows: 100 is ignored by the closed model");
    assertThatThrownBy(() -> ScenarioSpecs.parse("r.yaml", base
        + "workflows: 100\ninjection: {model: constant-rate, rate: 2, duration: 10s}\n"))
        .hasMessageContaining("workflows: 100 disagrees with injection.rate x injection.duration = 20");
    assertThat(ScenarioSpecs.parse("r.yaml", base + "injection: {model: constant-rate, rate: 2, duration: 10s}\n")
        .workflows()).isEqualTo(20);
    assertThatThrownBy(() -> ScenarioSpecs.parse("big.yaml", base + "workflows: 10000000\ninjection: {model: at-once}\n"))
        .hasMessageContaining("workflows: 10000000 is more than 100000");
  }

  @Test
  void plainSdkRefusesAnInjectedWorkflowTaskDelayInTheSpecAndAsAnOverride() {
    String base = """
        name: p
        workflows: 4
        mix: [{kind: io, weight: 1}]
        injection: {model: at-once}
        time_budget: 60s
        workers: {runtime: plain-sdk}
        """;
    assertThat(ScenarioSpecs.parse("p.yaml", base).workers().runtime()).isEqualTo(WorkerSettings.RuntimeMode.PLAIN_SDK);
    assertThatThrownBy(() -> ScenarioSpecs.parse("p.yaml", base + "inject: {workflow_task_delay_ms: 200}\n"))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).problems()).containsExactly("inject.workflow_task_delay_ms: "
            + "200 needs the harness's gRPC interceptor, which workers.runtime plain-sdk runs without; use fixed or "
            + "adaptive"));
    ScenarioSpec delayed = ScenarioSpecs.parse("d.yaml", base.replace("plain-sdk", "fixed")
        + "inject: {workflow_task_delay_ms: 200}\n");
    assertThatThrownBy(() -> delayed.withRuntime(WorkerSettings.RuntimeMode.PLAIN_SDK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inject.workflow_task_delay_ms: 200 needs the harness's gRPC interceptor, which workers.runtime "
            + "plain-sdk runs without; use fixed or adaptive");
  }

  @Test
  void parsesJsonToo() {
    ScenarioSpec spec = ScenarioSpecs.parse("j.json", """
        {"name": "j", "workflows": 5, "mix": [{"kind": "timers", "weight": 2, "params": {"timers": 1}}],
         "injection": {"model": "constant-rate", "rate": 2.5, "duration": "2s"}, "time_budget": "30s"}
        """);
    assertThat(spec.injection().rate()).isEqualTo(2.5);
    assertThat(spec.mix().get(0).params()).containsEntry("timers", 1).containsEntry("sleep_ms", 200);
    assertThat(spec.workers().processes()).isEqualTo(1);
  }
}
