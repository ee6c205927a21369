package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Long history: {@code steps} sequential trivial activities (about six events each), so a sticky miss,
 * which replays the whole history, costs visibly more than a hit.
 */
@WorkflowInterface
public interface LongHistoryWorkflow {

  @WorkflowMethod
  int run(Shape shape);

  /** The implementation. */
  final class Impl implements LongHistoryWorkflow {
    @Override
    public int run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      int sum = 0;
      for (int i = 0; i < shape.get("steps", 200); i++) {
        sum += activities.echo(i);
      }
      return sum;
    }
  }
}
