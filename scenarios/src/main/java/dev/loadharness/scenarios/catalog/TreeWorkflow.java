package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;

/** Tree: each node above the leaves starts {@code fanout} child workflows; leaves run a CPU activity. */
@WorkflowInterface
public interface TreeWorkflow {

  @WorkflowMethod
  long run(Shape shape);

  /** The implementation. */
  final class Impl implements TreeWorkflow {
    @Override
    public long run(Shape shape) {
      int depth = shape.get("depth", 2);
      if (depth <= 0) {
        return Stubs.activities().cpu(shape.get("cpu_ms", 5), shape.seed());
      }
      List<Promise<Long>> children = new ArrayList<>();
      for (int i = 0; i < shape.get("fanout", 2); i++) {
        TreeWorkflow child = Workflow.newChildWorkflowStub(TreeWorkflow.class);
        Shape below = new Shape(shape.kind(), shape.params(), shape.seed() * 31 + i).with("depth", depth - 1);
        children.add(Async.function(child::run, below));
      }
      long sum = 0;
      for (Promise<Long> child : children) {
        sum += child.get();
      }
      return sum;
    }
  }
}
