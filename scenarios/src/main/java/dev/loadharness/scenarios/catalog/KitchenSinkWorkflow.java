package dev.loadharness.scenarios.catalog;

import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The kitchen-sink fuzzer: follows its seeded {@link KitchenSinkPlan} (activities, parallel activities,
 * timers, signal waits, child workflows it signals, continue-as-new) and returns how many steps it and its
 * children ran.
 */
@WorkflowInterface
public interface KitchenSinkWorkflow {

  @WorkflowMethod
  long run(Shape shape);

  /** One signal its plan waits for (from the driver to a root, from the parent to a child). */
  @SignalMethod
  void poke();

  /** The implementation. */
  final class Impl implements KitchenSinkWorkflow {
    private int pokes;

    @Override
    public long run(Shape shape) {
      KitchenSinkPlan plan = KitchenSinkPlan.of(shape);
      LoadActivities activities = Stubs.activities();
      List<Promise<Long>> children = new ArrayList<>();
      int awaited = 0;
      long done = 0;
      for (KitchenSinkPlan.Step step : plan.steps()) {
        switch (step.op()) {
          case CPU -> activities.cpu(step.value(), shape.seed() + done);
          case IO -> activities.io(step.value());
          case PARALLEL -> {
            List<Promise<Long>> parallel = new ArrayList<>();
            for (int i = 0; i < step.value(); i++) {
              parallel.add(Async.function(activities::cpu, 1, shape.seed() + i));
            }
            Promise.allOf(parallel).get();
          }
          case TIMER -> Workflow.sleep(Duration.ofMillis(step.value()));
          case AWAIT_SIGNAL -> {
            int wanted = ++awaited;
            Workflow.await(() -> pokes >= wanted);
          }
          case CHILD -> children.add(startChild(shape, step.value()));
        }
        done++;
      }
      for (Promise<Long> child : children) {
        done += child.get();
      }
      if (plan.continuesAsNew()) {
        Workflow.continueAsNew(KitchenSinkPlan.next(shape));
      }
      return done;
    }

    /** Starts child {@code index} with a deterministic id and sends it the signals its plan waits for. */
    private static Promise<Long> startChild(Shape shape, int index) {
      Shape input = KitchenSinkPlan.child(shape, index);
      KitchenSinkWorkflow child = Workflow.newChildWorkflowStub(KitchenSinkWorkflow.class,
          ChildWorkflowOptions.newBuilder().setWorkflowId(Workflow.getInfo().getWorkflowId() + "-c" + index).build());
      Promise<Long> result = Async.function(child::run, input);
      int signals = KitchenSinkPlan.of(input).signals();
      if (signals > 0) {
        Workflow.getWorkflowExecution(child).get();
        for (int i = 0; i < signals; i++) {
          child.poke();
        }
      }
      return result;
    }

    @Override
    public void poke() {
      pokes++;
    }
  }
}
