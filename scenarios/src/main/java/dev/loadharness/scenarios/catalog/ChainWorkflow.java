package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Linear chain: {@code steps} sequential steps, each a CPU activity, then an IO activity, then (when
 * {@code blocking_ms > 0}) a blocking-IO activity; zero-sized parts are left out.
 */
@WorkflowInterface
public interface ChainWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements ChainWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      long digest = shape.seed();
      int cpuMs = shape.get("cpu_ms", 10);
      int ioMs = shape.get("io_ms", 100);
      int blockingMs = shape.get("blocking_ms", 0);
      for (int step = 0; step < shape.get("steps", 1); step++) {
        if (cpuMs > 0) {
          digest ^= activities.cpu(cpuMs, digest + step);
        }
        if (ioMs > 0) {
          activities.io(ioMs);
        }
        if (blockingMs > 0) {
          activities.blockingIo(blockingMs);
        }
      }
      return Long.toHexString(digest);
    }
  }
}
