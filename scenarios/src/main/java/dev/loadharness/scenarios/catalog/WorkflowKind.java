package dev.loadharness.scenarios.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workflow shapes of the catalog, each with the parameters it accepts and their defaults. A spec's
 * mix names kinds by {@link #id()}; the driver turns kind + parameters into a {@link Shape} input.
 */
public enum WorkflowKind {
  LINEAR("linear", ChainWorkflow.class, Map.of("steps", 4, "cpu_ms", 10, "io_ms", 100)),
  DIAMOND("diamond", DiamondWorkflow.class, Map.of("width", 4, "cpu_ms", 10, "io_ms", 100)),
  DAG("dag", DagWorkflow.class, Map.of("cpu_ms", 10, "io_ms", 100)),
  DECISION("decision", DecisionWorkflow.class, Map.of("cpu_ms", 10, "io_ms", 100)),
  BATCH("batch", BatchWorkflow.class, Map.of("width", 8, "cpu_ms", 5, "io_ms", 100)),
  TREE("tree", TreeWorkflow.class, Map.of("depth", 2, "fanout", 2, "cpu_ms", 5)),
  CPU("cpu", ChainWorkflow.class, Map.of("steps", 1, "cpu_ms", 50, "io_ms", 0)),
  IO("io", ChainWorkflow.class, Map.of("steps", 1, "cpu_ms", 0, "io_ms", 500)),
  BLOCKING_IO("blocking-io", ChainWorkflow.class, Map.of("steps", 3, "cpu_ms", 5, "io_ms", 0, "blocking_ms", 300)),
  INTERACTIVE("interactive", InteractiveWorkflow.class, Map.of("rounds", 1)),
  TIMERS("timers", TimerWorkflow.class, Map.of("timers", 3, "sleep_ms", 200)),
  CONTINUE_AS_NEW("continue-as-new", ContinueAsNewWorkflow.class, Map.of("runs", 3, "cpu_ms", 5)),
  LARGE_PAYLOAD("large-payload", LargePayloadWorkflow.class, Map.of("payload_kb", 256, "steps", 2)),
  LONG_HISTORY("long-history", LongHistoryWorkflow.class, Map.of("steps", 200)),
  KITCHEN_SINK("kitchen-sink", KitchenSinkWorkflow.class, KitchenSinkPlan.DEFAULTS, KitchenSinkPlan.RANGES),
  LONG_IDLE("long-idle", LongIdleWorkflow.class, LongIdleWorkflow.DEFAULTS, LongIdleWorkflow.RANGES),
  SCHEDULE("schedule", ChainWorkflow.class, ScheduleKind.DEFAULTS, ScheduleKind.RANGES);

  private final String id;
  private final Class<?> workflowInterface;
  private final Map<String, Integer> defaults;
  private final Map<String, Range> ranges;

  WorkflowKind(String id, Class<?> workflowInterface, Map<String, Integer> defaults) {
    this(id, workflowInterface, defaults, Map.of());
  }

  WorkflowKind(String id, Class<?> workflowInterface, Map<String, Integer> defaults, Map<String, Range> ranges) {
    this.id = id;
    this.workflowInterface = workflowInterface;
    this.defaults = defaults;
    this.ranges = ranges;
  }

  /**
   * The values parameter {@code name} may take: the kind's bound where it has one (the generated kinds keep
   * their size finite), otherwise any whole number >= 0.
   */
  public Range range(String name) {
    return ranges.getOrDefault(name, Range.ANY);
  }

  /** Whether {@code name} has a bound of its own (its errors then name the range). */
  public boolean bounded(String name) {
    return ranges.containsKey(name);
  }

  /**
   * An inclusive range of a parameter's values.
   *
   * @param min the smallest allowed value
   * @param max the largest allowed value
   */
  public record Range(int min, int max) {
    /** Any whole number >= 0: the bound of a parameter without one of its own. */
    public static final Range ANY = new Range(0, Integer.MAX_VALUE);

    /** Validates {@code 0 <= min <= max}. */
    public Range {
      if (min < 0 || min > max) {
        throw new IllegalArgumentException("range must have 0 <= min <= max, was " + min + ".." + max);
      }
    }

    /** Whether {@code value} is in the range. */
    public boolean contains(int value) {
      return value >= min && value <= max;
    }

    @Override
    public String toString() {
      return min + ".." + max;
    }
  }

  /** The spelling in spec files. */
  public String id() {
    return id;
  }

  /** The workflow interface started for this kind. */
  public Class<?> workflowInterface() {
    return workflowInterface;
  }

  /** Accepted parameter names with their default values. */
  public Map<String, Integer> defaults() {
    return defaults;
  }

  /** Defaults overlaid with {@code given}; the caller has checked the names. */
  public Map<String, Integer> resolve(Map<String, Integer> given) {
    Map<String, Integer> merged = new LinkedHashMap<>(defaults);
    merged.putAll(given);
    return merged;
  }

  /**
   * Whether a workflow of this kind needs the driver's calls besides start (round trips, signals, a schedule),
   * so it cannot run as a plain warm-up workflow.
   */
  public boolean drivenOnly() {
    return this == INTERACTIVE || this == KITCHEN_SINK || this == LONG_IDLE || this == SCHEDULE;
  }

  /** The kind spelled {@code id}, if any. */
  public static Optional<WorkflowKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  /** Every id, comma-separated, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(WorkflowKind::id).collect(Collectors.joining(", "));
  }
}
