package dev.loadharness.gatling.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.pipeline.SegmentResult;
import dev.loadharness.gatling.pipeline.SegmentTask;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values that cross Temporal between coordinator and drivers, and the control plane's settings. */
class DistributedValuesTest {

  @Test
  void aSegmentTaskAndResultSurviveTemporalsDataConverter() {
    SegmentTask task = new SegmentTask("20260101T000000Z-smoke", 1_700_000_000_000L, "scenarios/smoke.yaml",
        ScenarioSpecs.text("smoke"), Map.of("lose_workflows", "1"), 1, 3, 2_000, "default", null);
    SegmentResult result = new SegmentResult(1, 3, 2, "driver-2@host/7", 4, 3, 1, 0, 2, 10, 20, 30,
        LatencySummary.encode(RunLedger.newHistogram()), LatencySummary.encode(RunLedger.newHistogram()),
        Map.of("ActivityFailure", 1L), List.of(new SegmentResult.Tick(25, 3, 1, null, 4.0)), 12.5, 1000, 2,
        List.of(new SegmentResult.Event(22, "server_unreachable", "x")), null, "attempt 1 on driver-1: started 2");
    DataConverter converter = DataConverter.getDefaultInstance();

    Optional<Payloads> taskPayload = converter.toPayloads(task);
    Optional<Payloads> resultPayload = converter.toPayloads(new LoadTestResult(List.of(result)));

    assertThat(converter.fromPayloads(0, taskPayload, SegmentTask.class, SegmentTask.class)).isEqualTo(task);
    assertThat(converter.fromPayloads(0, resultPayload, LoadTestResult.class, LoadTestResult.class).segments())
        .containsExactly(result);
  }

  @Test
  void aDriverParsesTheTasksSpecWithItsInjectedRegressions() {
    SegmentTask task = new SegmentTask("r", 0, "scenarios/smoke.yaml", ScenarioSpecs.text("smoke"),
        Map.of("lose_workflows", "1"), 0, 2, 1_000, "default", "tlh-load");
    assertThat(task.spec().name()).isEqualTo("smoke");
    assertThat(task.spec().inject().loseWorkflows()).isEqualTo(1);
    assertThat(task.segment().count()).isEqualTo(2);
    assertThatThrownBy(() -> new SegmentTask("r", 0, "s", "x: 1", Map.of(), 2, 2, 1_000, "default", null))
        .hasMessageContaining("[0, 2)");
  }

  @Test
  void theControlPlaneIsTheClusterUnderTestUnlessTlhControlAddressNamesAnother() {
    assertThat(ControlPlane.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "a:7233"))).isEmpty();
    ConnectionSettings control = ControlPlane.fromEnvironment(Map.of("TLH_CONTROL_ADDRESS", "control:7233",
        "TLH_CONTROL_NAMESPACE", "coord", "TLH_CONTROL_API_KEY", "k", "TEMPORAL_NAMESPACE", "load")).orElseThrow();
    assertThat(control.target()).isEqualTo("control:7233");
    assertThat(control.namespace()).isEqualTo("coord");
    assertThat(control.apiKey()).isPresent();
    assertThat(ControlPlane.toEnvironment(control)).containsEntry("TLH_CONTROL_ADDRESS", "control:7233")
        .containsEntry("TLH_CONTROL_NAMESPACE", "coord").containsEntry("TLH_CONTROL_API_KEY", "k")
        .doesNotContainKey("TEMPORAL_ADDRESS");
    assertThatThrownBy(() -> ControlPlane.fromEnvironment(Map.of("TLH_CONTROL_ADDRESS", "no-port")))
        .hasMessageContaining("TLH_CONTROL_").hasMessageContaining("host:port");
  }

  @Test
  void aLoadTestRequestRefusesTimeoutsThatCannotWork() {
    SegmentTask task = new SegmentTask("r", 0, "s", ScenarioSpecs.text("smoke"), Map.of(), 0, 1, 1_000, "default",
        null);
    assertThatThrownBy(() -> new LoadTestRequest(List.of(task), "q", 500, 60_000, 3))
        .hasMessageContaining("heartbeat timeout 500 ms (>= 1000)");
    assertThatThrownBy(() -> new LoadTestRequest(List.of(), "q", 10_000, 60_000, 3))
        .hasMessageContaining("at least one segment");
    assertThat(new LoadTestRequest(List.of(task), "q", 10_000, 60_000, 3).tasks()).hasSize(1);
  }
}
