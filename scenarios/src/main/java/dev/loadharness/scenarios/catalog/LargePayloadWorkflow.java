package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Large payloads: {@code steps} activities each returning {@code payload_kb} KB into the history. */
@WorkflowInterface
public interface LargePayloadWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements LargePayloadWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      long total = 0;
      for (int i = 0; i < shape.get("steps", 2); i++) {
        total += activities.payload(shape.get("payload_kb", 256), shape.seed() + i).length();
      }
      return "bytes:" + total;
    }
  }
}
