package dev.loadharness.gatling.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.reports.record.TaskQueueCount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueueCountsTest {
  private static final RunLedger.Counts TEN_COMPLETED = new RunLedger.Counts(10, 10, 0, 0, 0, 1.0);

  @Test
  void asksEachQueueForItsExecutionsAndItsCompletedOnes() {
    List<String> queries = new ArrayList<>();
    Function<String, Long> server = q -> {
      queries.add(q);
      return q.contains("'q-0'") ? 6L : 4L;
    };
    assertThat(QueueCounts.count(server, "run-wf-", List.of("q-0", "q-1"), TEN_COMPLETED, 0)).containsExactly(
        new TaskQueueCount("q-0", 6, 6), new TaskQueueCount("q-1", 4, 4));
    assertThat(queries).containsExactly(
        "WorkflowId STARTS_WITH 'run-wf-' AND TaskQueue = 'q-0' AND ExecutionStatus = 'Completed'",
        "WorkflowId STARTS_WITH 'run-wf-' AND TaskQueue = 'q-0'",
        "WorkflowId STARTS_WITH 'run-wf-' AND TaskQueue = 'q-1' AND ExecutionStatus = 'Completed'",
        "WorkflowId STARTS_WITH 'run-wf-' AND TaskQueue = 'q-1'");
  }

  @Test
  void asksAgainWhileVisibilityLagsBehindTheLedger() {
    AtomicInteger calls = new AtomicInteger();
    // The first round sees only part of the run, as a lagging visibility store does.
    Function<String, Long> server = q -> calls.getAndIncrement() < 2 ? 3L : 10L;
    assertThat(QueueCounts.count(server, "p-", List.of("q"), TEN_COMPLETED, 0))
        .containsExactly(new TaskQueueCount("q", 10, 10));
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void aQueueNoWorkerPolledShowsStartedButNotCompleted() {
    Function<String, Long> server = q -> q.contains("'q-1'") ? (q.contains("Completed") ? 0L : 5L) : 5L;
    RunLedger.Counts counts = new RunLedger.Counts(10, 5, 0, 5, 0, 1.0);
    assertThat(QueueCounts.count(server, "p-", List.of("q-0", "q-1"), counts, 0)).containsExactly(
        new TaskQueueCount("q-0", 5, 5), new TaskQueueCount("q-1", 5, 0));
  }
}
