package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Multi-path DAG of nine steps with paths of different length, so the critical path, not the step count,
 * sets the duration:
 *
 * <pre>
 *   A -+-> B(io)  -> D(cpu) -+
 *      +-> C(cpu) -> E(io)  -+-> G(cpu) -+
 *      +-> F(io)  -> H(io)  -------------+-> I(cpu)
 * </pre>
 */
@WorkflowInterface
public interface DagWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** The implementation. */
  final class Impl implements DagWorkflow {
    @Override
    public String run(Shape shape) {
      LoadActivities act = Stubs.activities();
      int cpuMs = shape.get("cpu_ms", 10);
      int ioMs = shape.get("io_ms", 100);
      long a = act.cpu(cpuMs, shape.seed());
      Promise<Long> d = Async.function(act::io, ioMs).thenCompose(b -> Async.function(act::cpu, cpuMs, a + 1));
      Promise<String> e = Async.function(act::cpu, cpuMs, a + 2).thenCompose(c -> Async.function(act::io, ioMs));
      Promise<String> h = Async.function(act::io, ioMs).thenCompose(f -> Async.function(act::io, ioMs));
      Promise<Long> g = Promise.allOf(d, e).thenCompose(done -> Async.function(act::cpu, cpuMs, d.get()));
      Promise.allOf(g, h).get();
      return Long.toHexString(act.cpu(cpuMs, g.get()));
    }
  }
}
