package dev.loadharness.gatling.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.Segment;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCallsTest {

  /** Over several task queues a schedule's fires go to its workflow's queue, as every other kind's starts do. */
  @Test
  void firesRunOnTheQueueTheAssignmentRulePutsTheWorkflowOn() {
    LoadDriver driver = new LoadDriver(null, List.of("q0", "q1", "q2"), "sched-", ScenarioSpecs.load("schedules"),
        Segment.WHOLE, 42L, 1);
    try {
      for (String expected : List.of("q0", "q1", "q2", "q0")) {
        var action = (ScheduleActionStartWorkflow) ScheduleCalls.schedule(driver, driver.nextAssignment()).getAction();
        assertThat(action.getOptions().getTaskQueue()).isEqualTo(expected);
      }
    } finally {
      driver.close();
    }
  }
}
