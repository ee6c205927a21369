package dev.loadharness.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivergenceTest {

  @Test
  void commandMismatchGivesEventIdAndBothSides() {
    Divergence d = Divergence.fromMessage("Failure handling event 7 of type 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' during"
        + " replay. Command COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK doesn't match event EVENT_TYPE_ACTIVITY_TASK_SCHEDULED"
        + " with EventId=7 on check activityType with an expected value 'Compose' and an actual value 'Blob'. {x}");
    assertThat(d.eventId()).isEqualTo(7);
    assertThat(d.expected()).isEqualTo("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED (activityType=Compose)");
    assertThat(d.actual()).isEqualTo("COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK (activityType=Blob)");
  }

  @Test
  void missingCommandIsNamed() {
    Divergence d = Divergence.fromMessage("Failure handling event 9 of type 'EVENT_TYPE_TIMER_STARTED' during replay. "
        + "No command scheduled that corresponds to event_id: 9");
    assertThat(d.eventId()).isEqualTo(9);
    assertThat(d.expected()).isEqualTo("EVENT_TYPE_TIMER_STARTED");
    assertThat(d.actual()).contains("no matching command");
  }

  @Test
  void unknownShapeKeepsTheMessage() {
    Divergence d = Divergence.fromMessage("something else entirely");
    assertThat(d.eventId()).isEqualTo(-1);
    assertThat(d.message()).isEqualTo("something else entirely");
  }
}
