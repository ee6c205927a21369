package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Signal / query / update round trips: completes once it has seen {@code rounds} signals and
 * {@code rounds} updates; the driver queries progress in between.
 */
@WorkflowInterface
public interface InteractiveWorkflow {

  @WorkflowMethod
  String run(Shape shape);

  /** Adds one to the signal count. */
  @SignalMethod
  void advance();

  /** Adds one to the update count and returns it. */
  @UpdateMethod
  int bump();

  /** Signals and updates seen so far. */
  @QueryMethod
  int progress();

  /** The implementation. */
  final class Impl implements InteractiveWorkflow {
    private int signals;
    private int updates;

    @Override
    public String run(Shape shape) {
      int rounds = shape.get("rounds", 1);
      Workflow.await(() -> signals >= rounds && updates >= rounds);
      return "rounds:" + rounds;
    }

    @Override
    public void advance() {
      signals++;
    }

    @Override
    public int bump() {
      return ++updates;
    }

    @Override
    public int progress() {
      return signals + updates;
    }
  }
}
