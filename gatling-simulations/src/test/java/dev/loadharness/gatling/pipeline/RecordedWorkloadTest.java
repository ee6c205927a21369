package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.record.Workload;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import org.junit.jupiter.api.Test;

class RecordedWorkloadTest {

  @Test
  void recordsTheSpecsMixInjectionAndWarmUp() {
    ScenarioSpec spec = ScenarioSpecs.load("smoke");
    Workload w = RecordedWorkload.of(spec);
    assertThat(w.workflows()).isEqualTo(12);
    assertThat(w.mix()).extracting(Workload.MixEntry::kind).containsExactly("linear", "dag", "interactive", "tree");
    assertThat(w.mix().get(0).params()).containsEntry("steps", 2).containsEntry("cpu_ms", 5).containsEntry("io_ms", 50);
    assertThat(w.injection().model()).isEqualTo("at-once");
    assertThat(w.killOneWorkerAfterS()).isNull();
    assertThat(w.parts()).containsEntry("injection", "at-once").containsEntry("workflows", "12");
  }

  @Test
  void theRuntimeSettingIsNotPartOfTheWorkloadAndAKilledWorkerIs() {
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    assertThat(RecordedWorkload.of(spec.withRuntime(RuntimeMode.FIXED)))
        .isEqualTo(RecordedWorkload.of(spec.withRuntime(RuntimeMode.ADAPTIVE)));
    assertThat(RecordedWorkload.of(ScenarioSpecs.load("worker-restart")).killOneWorkerAfterS()).isPositive();
  }

  @Test
  void aWavedInjectionRecordsItsProfileAndKeysTheTrendOnIt() {
    Workload ebb = RecordedWorkload.of(ScenarioSpecs.load("ebb-and-flow"));
    assertThat(ebb.injection().wave()).isEqualTo(new Workload.Wave(1, 5, 8));
    assertThat(ebb.parts()).containsEntry("injection", "ebb-and-flow 1..5/s every 8 s for 16 s")
        .containsEntry("workflows", "48");
    Workload backlog = RecordedWorkload.of(ScenarioSpecs.load("backlog"));
    assertThat(backlog.workflows()).isZero();
    assertThat(backlog.parts()).containsEntry("injection", "backlog 2..12 in flight every 8 s for 16 s");
    assertThat(RecordedWorkload.of(ScenarioSpecs.load("smoke")).injection().wave()).isNull();
  }
}
