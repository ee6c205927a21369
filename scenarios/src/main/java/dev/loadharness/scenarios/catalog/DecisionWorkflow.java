package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Decision-conditional: the first activity's result chooses the path at run time, a CPU-heavy branch
 * (three CPU steps) or an IO-heavy one (three IO steps), so the mix depends on data, not on the spec.
 */
@WorkflowInterface
public interface DecisionWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements DecisionWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      int cpuMs = shape.get("cpu_ms", 10);
      int ioMs = shape.get("io_ms", 100);
      long probe = activities.cpu(Math.max(1, cpuMs / 2), shape.seed());
      boolean cpuPath = (probe & 1) == 0;
      for (int i = 0; i < 3; i++) {
        if (cpuPath) {
          probe ^= activities.cpu(cpuMs, probe + i);
        } else {
          activities.io(ioMs);
        }
      }
      return (cpuPath ? "cpu:" : "io:") + Long.toHexString(probe);
    }
  }
}
