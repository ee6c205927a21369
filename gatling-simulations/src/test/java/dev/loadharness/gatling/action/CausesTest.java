package dev.loadharness.gatling.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.api.enums.v1.RetryState;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void groupsByCauseChainNotByWorkflowId() {
    String a = Causes.of(new CompletionException(failure("wf-1")));
    String b = Causes.of(failure("wf-2"));
    assertThat(a).isEqualTo(b)
        .isEqualTo("WorkflowFailed/ActivityFailure(LoadActivities::cpu)/TimeoutFailure(SCHEDULE_TO_CLOSE)");
  }

  @Test
  void namesTheBudgetTimeout() {
    assertThat(Causes.of(new CompletionException(new TimeoutException("x")))).isEqualTo("TimedOut(time budget)");
  }

  private static WorkflowFailedException failure(String id) {
    TimeoutFailure timeout = new TimeoutFailure("timeout", null, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE);
    ActivityFailure activity = new ActivityFailure("activity failed", 5, 6, "LoadActivities::cpu", "act-1",
        RetryState.RETRY_STATE_TIMEOUT, "worker", timeout);
    return new WorkflowFailedException(WorkflowExecution.newBuilder().setWorkflowId(id).build(), "DagWorkflow", io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
        0, RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE, activity);
  }
}
