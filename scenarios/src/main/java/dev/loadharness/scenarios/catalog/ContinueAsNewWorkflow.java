package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Continue-as-new: {@code runs} runs of one CPU activity each, chained by continue-as-new. */
@WorkflowInterface
public interface ContinueAsNewWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements ContinueAsNewWorkflow {
    @Override
    public String run(Shape shape) {
      int runs = shape.get("runs", 3);
      Stubs.activities().cpu(shape.get("cpu_ms", 5), shape.seed() + runs);
      if (runs > 1) {
        Workflow.continueAsNew(shape.with("runs", runs - 1));
      }
      return "continued";
    }
  }
}
