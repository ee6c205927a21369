package dev.loadharness.scenarios.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regressions injected on purpose (spec field {@code inject}, or {@code scripts/load --inject}), to prove
 * the gate catches what it exists to catch. Each imitates a real defect: slower activities, slower
 * workflow tasks (held slot, as a slow interceptor or codec would), a sticky cache too small to hit, and
 * workflows that never finish.
 *
 * @param activitySlowdown every activity's CPU and IO time multiplied by this (1 = none)
 * @param workflowTaskDelayMs each workflow task's completion held back this long by the worker
 * @param stickyCacheSize the workers' sticky cache size instead of the spec's, when set
 * @param loseWorkflows this many measured workflows are started so that they never complete in time
 */
public record Regressions(double activitySlowdown, int workflowTaskDelayMs, Optional<Integer> stickyCacheSize,
    int loseWorkflows) {
  /** No regression. */
  public static final Regressions NONE = new Regressions(1.0, 0, Optional.empty(), 0);

  /** The spelling of each knob in specs and on the command line. */
  public static final List<String> KNOBS =
      List.of("activity_slowdown", "workflow_task_delay_ms", "sticky_cache_size", "lose_workflows");

  public Regressions {
    if (!(activitySlowdown >= 1.0 && activitySlowdown <= 100)) {
      throw new IllegalArgumentException("inject.activity_slowdown must be 1 to 100, got " + activitySlowdown);
    }
    if (workflowTaskDelayMs < 0 || workflowTaskDelayMs > 10_000) {
      throw new IllegalArgumentException("inject.workflow_task_delay_ms must be 0 to 10000, got " + workflowTaskDelayMs);
    }
    if (stickyCacheSize.isPresent() && stickyCacheSize.get() < 1) {
      throw new IllegalArgumentException("inject.sticky_cache_size must be >= 1, got " + stickyCacheSize.get());
    }
    if (loseWorkflows < 0) {
      throw new IllegalArgumentException("inject.lose_workflows must be >= 0, got " + loseWorkflows);
    }
  }

  /**
   * Parses {@code knob=value} pairs (the spec's {@code inject} map as strings, or {@code --inject}); the
   * message of a bad pair names the knob, the value and what is allowed.
   */
  public static Regressions parse(Map<String, String> values) {
    double slowdown = 1.0;
    int delay = 0;
    Optional<Integer> cache = Optional.empty();
    int lose = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String value = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (e.getKey()) {
          case "activity_slowdown" -> slowdown = Double.parseDouble(value);
          case "workflow_task_delay_ms" -> delay = Integer.parseInt(value);
          case "sticky_cache_size" -> cache = Optional.of(Integer.parseInt(value));
          case "lose_workflows" -> lose = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("inject." + e.getKey() + ": unknown; known: "
              + String.join(", ", KNOBS));
        }
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("inject." + e.getKey() + ": \"" + value + "\" is not a number");
      }
    }
    return new Regressions(slowdown, delay, cache, lose);
  }

  /** Whether any regression is injected. */
  public boolean any() {
    return !equals(NONE);
  }

  /** The knobs that are set, for the run record and the console. */
  public Map<String, Object> describe() {
    Map<String, Object> set = new LinkedHashMap<>();
    if (activitySlowdown != 1.0) {
      set.put("activity_slowdown", activitySlowdown);
    }
    if (workflowTaskDelayMs > 0) {
      set.put("workflow_task_delay_ms", workflowTaskDelayMs);
    }
    stickyCacheSize.ifPresent(size -> set.put("sticky_cache_size", size));
    if (loseWorkflows > 0) {
      set.put("lose_workflows", loseWorkflows);
    }
    return set;
  }

  /** The worker JVM arguments that carry the worker-side knobs. */
  public List<String> workerArguments() {
    List<String> args = new ArrayList<>();
    if (activitySlowdown != 1.0) {
      args.addAll(List.of("--inject-activity-slowdown", String.valueOf(activitySlowdown)));
    }
    if (workflowTaskDelayMs > 0) {
      args.addAll(List.of("--inject-workflow-task-delay-ms", String.valueOf(workflowTaskDelayMs)));
    }
    return args;
  }
}
