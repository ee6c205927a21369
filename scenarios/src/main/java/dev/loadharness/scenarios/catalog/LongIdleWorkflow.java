package dev.loadharness.scenarios.catalog;

import dev.loadharness.scenarios.catalog.WorkflowKind.Range;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;

/**
 * Long-idle: sits on a timer of {@code idle_s} seconds, then works; with {@code signal_after_s > 0} it then
 * waits for the {@code wake} signal the driver sends that long after the start, and works again. Idle
 * workflows are the ones a worker's sticky cache evicts, so waking them up costs a history replay; the
 * driver measures each wake-up from the workflow's history.
 */
@WorkflowInterface
public interface LongIdleWorkflow {
  /** The kind's parameters and their defaults. */
  Map<String, Integer> DEFAULTS = Map.of("idle_s", 5, "signal_after_s", 0, "cpu_ms", 5);

  /** Bounds: a day of idling at most, and a modest amount of work per wake-up. */
  Map<String, Range> RANGES = Map.of("idle_s", new Range(0, 86_400), "signal_after_s", new Range(0, 86_400),
      "cpu_ms", new Range(0, 1_000));

  @WorkflowMethod
  String run(Shape shape);

  /** Ends the wait for the driver's signal. */
  @SignalMethod
  void wake();

  /** The implementation. */
  final class Impl implements LongIdleWorkflow {
    private boolean woken;

    @Override
    public String run(Shape shape) {
      LoadActivities activities = Stubs.activities();
      int idle = shape.get("idle_s", 5);
      if (idle > 0) {
        Workflow.sleep(Duration.ofSeconds(idle));
      }
      activities.cpu(shape.get("cpu_ms", 5), shape.seed());
      if (shape.get("signal_after_s", 0) > 0) {
        Workflow.await(() -> woken);
        activities.cpu(shape.get("cpu_ms", 5), shape.seed() + 1);
      }
      return "idle:" + idle;
    }

    @Override
    public void wake() {
      woken = true;
    }
  }
}
