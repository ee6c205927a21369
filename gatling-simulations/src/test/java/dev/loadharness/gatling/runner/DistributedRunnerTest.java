package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DistributedRunnerTest {
  private static final RunOptions OPTIONS = RunOptions.of("smoke");
  private static final int TASK_QUEUES = dev.loadharness.scenarios.spec.ScenarioSpecs.load("many-task-queues")
      .workers().taskQueues();

  @Test
  void driversIsACountOfLocalJvmsOrExternal() {
    assertThat(DistributedRunner.Request.parseDrivers("3")).contains(3);
    assertThat(DistributedRunner.Request.parseDrivers("external")).isEmpty();
    assertThatThrownBy(() -> DistributedRunner.Request.parseDrivers("three"))
        .hasMessage("--drivers: \"three\" is not allowed; a number of local driver JVMs (1 to 16) or 'external'");
  }

  @Test
  void badCountsAndTimeoutsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> request(Optional.of(0), Optional.empty(), Duration.ofSeconds(10)))
        .hasMessageContaining("--drivers: 0 is not allowed");
    assertThatThrownBy(() -> request(Optional.of(17), Optional.empty(), Duration.ofSeconds(10)))
        .hasMessageContaining("1 to 16");
    assertThatThrownBy(() -> request(Optional.of(2), Optional.of(0), Duration.ofSeconds(10)))
        .hasMessageContaining("--segments: 0 is not allowed");
    assertThatThrownBy(() -> request(Optional.of(2), Optional.empty(), Duration.ofSeconds(1)))
        .hasMessageContaining("--driver-heartbeat-timeout: PT1S is too short");
  }

  @Test
  void aSplitThatLeavesASegmentIdleIsAnInputErrorWithExitCode2() {
    var outcome = new DistributedRunner(System.out).run(new DistributedRunner.Request(
        OPTIONS.withServer("in-memory").withOut(java.nio.file.Path.of("target", "distributed-runner-test")),
        Optional.of(2), Optional.of(13), "q", Duration.ofSeconds(10), Optional.empty()));
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.message()).contains("13 segments of 12 workflows", "at most 12");
    assertThat(outcome.runRecord()).isPresent();
  }

  @Test
  void anExternalWorkerQueueWithSeveralTaskQueuesIsAnInputErrorWithExitCode2() {
    var outcome = new DistributedRunner(System.out).run(new DistributedRunner.Request(
        RunOptions.of("many-task-queues").withServer("in-memory")
            .withOut(java.nio.file.Path.of("target", "distributed-runner-test")),
        Optional.of(1), Optional.empty(), "q", Duration.ofSeconds(10), Optional.of("fleet-q")));
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.message()).isEqualTo("--worker-queue fleet-q: the spec's workers.task_queues is " + TASK_QUEUES + "; an external "
        + "fleet polls the one queue it names (allowed with --worker-queue: task_queues 1)");
  }

  private static DistributedRunner.Request request(Optional<Integer> drivers, Optional<Integer> segments,
      Duration heartbeat) {
    return new DistributedRunner.Request(OPTIONS, drivers, segments, "q", heartbeat, Optional.empty());
  }
}
