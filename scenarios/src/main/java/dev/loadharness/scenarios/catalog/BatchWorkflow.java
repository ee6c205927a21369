package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;

/** Batch: {@code width} independent items, each a CPU step then an IO step, all in parallel. */
@WorkflowInterface
public interface BatchWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements BatchWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities act = Stubs.activities();
      int cpuMs = shape.get("cpu_ms", 5);
      int ioMs = shape.get("io_ms", 100);
      List<Promise<String>> items = new ArrayList<>();
      for (int i = 0; i < shape.get("width", 8); i++) {
        long seed = shape.seed() + i;
        items.add(Async.function(act::cpu, cpuMs, seed).thenCompose(x -> Async.function(act::io, ioMs)));
      }
      Promise.allOf(items).get();
      return "batch:" + items.size();
    }
  }
}
