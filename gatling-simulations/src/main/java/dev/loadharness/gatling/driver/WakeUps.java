package dev.loadharness.gatling.driver;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A long-idle workflow's wake-ups, read from its history: for every timer that fired, from the timer's due
 * time (its TimerStarted event time plus its start-to-fire timeout) to the completion of the first workflow
 * task that started after the fire; for every signal, from its WorkflowExecutionSignaled event (the server
 * accepted it) to the same. Every time is the server's, so the figure holds on a remote cluster whose clock
 * differs from the driver's. A task that failed or timed out leaves its wake-ups to the task that retries it,
 * so a wake-up's latency includes a lost sticky worker or a failed replay.
 */
public final class WakeUps {
  private WakeUps() {}

  /** Each wake-up's latency in microseconds, in history order. */
  public static List<Long> of(List<HistoryEvent> history) {
    Map<Long, Long> dueByTimer = new HashMap<>();
    List<Long> pending = new ArrayList<>();
    List<Long> inTask = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    for (HistoryEvent e : history) {
      long at = micros(e);
      switch (e.getEventType()) {
        case EVENT_TYPE_TIMER_STARTED -> {
          var timeout = e.getTimerStartedEventAttributes().getStartToFireTimeout();
          dueByTimer.put(e.getEventId(), at + timeout.getSeconds() * 1_000_000 + timeout.getNanos() / 1_000);
        }
        case EVENT_TYPE_TIMER_FIRED -> {
          Long due = dueByTimer.get(e.getTimerFiredEventAttributes().getStartedEventId());
          if (due != null) {
            pending.add(due);
          }
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> pending.add(at);
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          inTask.addAll(pending);
          pending.clear();
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
          inTask.forEach(origin -> latencies.add(Math.max(0, at - origin)));
          inTask.clear();
        }
        case EVENT_TYPE_WORKFLOW_TASK_FAILED, EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> {
          pending.addAll(0, inTask);
          inTask.clear();
        }
        default -> { }
      }
    }
    return latencies;
  }

  private static long micros(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1_000_000 + e.getEventTime().getNanos() / 1_000;
  }
}
