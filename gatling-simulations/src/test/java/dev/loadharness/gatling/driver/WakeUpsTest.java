package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wake-ups read from a history: from the timer's due time or the signal to the next completed task. */
class WakeUpsTest {
  private final List<HistoryEvent> events = new ArrayList<>();

  @Test
  void aTimerWakesUpAtTheCompletionOfTheFirstTaskStartedAfterItFired() {
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 0);
    timerStarted(0, 5_000);
    add(EventType.EVENT_TYPE_TIMER_FIRED, 5_040, 2);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 5_040);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 5_100);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 5_180);
    assertThat(WakeUps.of(events)).containsExactly(180_000L);
  }

  @Test
  void aSignalCountsFromItsEventAndAFailedTaskLeavesItToTheRetry() {
    add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 10_000);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 10_010);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, 10_900);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 11_000);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 11_250);
    assertThat(WakeUps.of(events)).containsExactly(1_250_000L);
  }

  @Test
  void aSignalThatArrivesDuringATaskWaitsForTheNextOne() {
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 100);
    add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 120);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 150);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 160);
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 200);
    assertThat(WakeUps.of(events)).containsExactly(80_000L);
  }

  private void timerStarted(long atMs, long fireAfterMs) {
    events.add(HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventTime(at(atMs))
        .setEventType(EventType.EVENT_TYPE_TIMER_STARTED)
        .setTimerStartedEventAttributes(TimerStartedEventAttributes.newBuilder().setTimerId("1")
            .setStartToFireTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(fireAfterMs / 1000)
                .setNanos((int) (fireAfterMs % 1000) * 1_000_000)))
        .build());
  }

  private void add(EventType type, long atMs) {
    events.add(HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventTime(at(atMs)).setEventType(type).build());
  }

  private void add(EventType type, long atMs, long startedEventId) {
    events.add(HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventTime(at(atMs)).setEventType(type)
        .setTimerFiredEventAttributes(TimerFiredEventAttributes.newBuilder().setTimerId("1")
            .setStartedEventId(startedEventId))
        .build());
  }

  private static Timestamp at(long ms) {
    return Timestamp.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
  }
}
