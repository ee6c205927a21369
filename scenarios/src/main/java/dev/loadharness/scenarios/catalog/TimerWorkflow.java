package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** Timers: {@code timers} durable sleeps of {@code sleep_ms} each; no activity, no thread held. */
@WorkflowInterface
public interface TimerWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements TimerWorkflow {
    @Override
    public String run(Shape shape) {
      int timers = shape.get("timers", 3);
      for (int i = 0; i < timers; i++) {
        Workflow.sleep(Duration.ofMillis(shape.get("sleep_ms", 200)));
      }
      return "timers:" + timers;
    }
  }
}
