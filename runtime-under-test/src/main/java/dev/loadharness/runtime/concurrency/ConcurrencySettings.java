package dev.loadharness.runtime.concurrency;

import java.time.Duration;
import java.util.Objects;

/**
 * Slot limits per kind and whether a controller adapts them.
 *
 * @param dynamic false keeps every limit at its {@code initial} value (TEMPORAL_DYNAMIC_CONCURRENCY)
 * @param controlInterval how often the controller may move a limit (default 30 s; tests go to 1 s)
 */
public record ConcurrencySettings(
    boolean dynamic,
    SlotLimits workflow,
    SlotLimits activity,
    SlotLimits localActivity,
    Duration controlInterval) {

  public static final Duration DEFAULT_CONTROL_INTERVAL = Duration.ofSeconds(30);
  public static final Duration MIN_CONTROL_INTERVAL = Duration.ofSeconds(1);

  public ConcurrencySettings {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(localActivity, "localActivity");
    Objects.requireNonNull(controlInterval, "controlInterval");
    if (controlInterval.compareTo(MIN_CONTROL_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "controlInterval must be >= " + MIN_CONTROL_INTERVAL.toSeconds() + " s, got " + controlInterval);
    }
  }

  /** Fixed limits: the plan's defaults are 10 workflow and 14 activity slots. */
  public static ConcurrencySettings fixed(int workflowSlots, int activitySlots, int localActivitySlots) {
    return new ConcurrencySettings(
        false,
        SlotLimits.fixed(workflowSlots),
        SlotLimits.fixed(activitySlots),
        SlotLimits.fixed(localActivitySlots),
        DEFAULT_CONTROL_INTERVAL);
  }

  /** The limits of one kind. */
  public SlotLimits limits(SlotKind kind) {
    return switch (kind) {
      case WORKFLOW -> workflow;
      case ACTIVITY -> activity;
      case LOCAL_ACTIVITY -> localActivity;
    };
  }
}
