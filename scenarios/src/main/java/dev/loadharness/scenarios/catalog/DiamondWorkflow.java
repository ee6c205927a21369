package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;

/** Diamond: one CPU step fans out to {@code width} parallel IO+CPU branches that join in a CPU step. */
@WorkflowInterface
public interface DiamondWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements DiamondWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      int cpuMs = shape.get("cpu_ms", 10);
      int ioMs = shape.get("io_ms", 100);
      long head = activities.cpu(cpuMs, shape.seed());
      List<Promise<String>> branches = new ArrayList<>();
      for (int i = 0; i < shape.get("width", 4); i++) {
        branches.add(Async.function(activities::io, ioMs));
      }
      Promise.allOf(branches).get();
      return Long.toHexString(activities.cpu(cpuMs, head));
    }
  }
}
