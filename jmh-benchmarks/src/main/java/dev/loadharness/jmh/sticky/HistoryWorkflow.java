package dev.loadharness.jmh.sticky;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * Grows its history with short timers (five events each: timer started and fired, and a workflow
 * task scheduled, started and completed), then stays open so queries can be measured against a
 * history of known length.
 */
@WorkflowInterface
public interface HistoryWorkflow {

  /** Events before the first timer: execution started plus the first workflow task's three. */
  int EVENTS_BEFORE_TIMERS = 4;

  /** Events each timer adds. */
  int EVENTS_PER_TIMER = 5;

  /** Timers needed for a history of about {@code events} events. */
  static int timersFor(int events) {
    return Math.max(1, (events - EVENTS_BEFORE_TIMERS) / EVENTS_PER_TIMER);
  }

  @WorkflowMethod
  void run(int timers);

  @QueryMethod
  int firedTimers();

  @SignalMethod
  void finish();

  final class Impl implements HistoryWorkflow {
    private int fired;
    private boolean finished;

    @Override
    public void run(int timers) {
      for (int i = 0; i < timers; i++) {
        Workflow.sleep(Duration.ofMillis(1));
        fired++;
      }
      Workflow.await(() -> finished);
    }

    @Override
    public int firedTimers() {
      return fired;
    }

    @Override
    public void finish() {
      finished = true;
    }
  }
}
