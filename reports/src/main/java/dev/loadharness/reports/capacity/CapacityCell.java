package dev.loadharness.reports.capacity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of a sweep (a worker count and slot setting) and its search: every step in the order run, how the
 * search ended, and which resource saturated first.
 *
 * @param label the cell's name, e.g. {@code workers=2 slots=10/14}
 * @param workers worker processes
 * @param workflowSlots workflow-task slots per worker
 * @param activitySlots activity slots per worker
 * @param steps the steps in the order they ran
 * @param outcome how the search ended
 * @param note the outcome in a sentence (what was found, or why nothing was)
 * @param saturation which resource saturated first, from the measured CPU
 */
public record CapacityCell(String label, int workers, int workflowSlots, int activitySlots, List<CapacityStep> steps,
    Outcome outcome, String note, String saturation) {

  /** How a cell's search ended. */
  public enum Outcome {
    /** A sustainable load and an unsustainable one above it were found, within the resolution. */
    KNEE("knee"),
    /** Every step was sustainable: the knee lies above the highest load tried. */
    NOT_REACHED("not-reached"),
    /** Not even the lowest load was sustainable. */
    NONE_SUSTAINABLE("none-sustainable"),
    /** A signal stopped the search. */
    INTERRUPTED("interrupted"),
    /** The environment failed (a step ended in error). */
    ERROR("error");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    /** The spelling in capacity.json. */
    @JsonValue
    public String id() {
      return id;
    }

    /** The outcome spelled {@code value}, naming the allowed values otherwise. */
    @JsonCreator
    public static Outcome parse(String value) {
      for (Outcome o : values()) {
        if (o.id.equals(value)) {
          return o;
        }
      }
      throw new IllegalArgumentException("capacity outcome must be one of knee, not-reached, none-sustainable, "
          + "interrupted, error; was \"" + value + "\"");
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** Validates the cell's settings and freezes the steps. */
  public CapacityCell {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(outcome, "outcome");
    if (workers < 1 || workflowSlots < 1 || activitySlots < 1) {
      throw new IllegalArgumentException("cell " + label + " settings must be >= 1: " + workers + "/" + workflowSlots
          + "/" + activitySlots);
    }
    steps = List.copyOf(steps);
    note = Objects.requireNonNullElse(note, "");
    saturation = Objects.requireNonNullElse(saturation, "");
  }

  /** The highest sustainable step: the knee's good side, the maximum sustainable load. */
  public Optional<CapacityStep> knee() {
    return steps.stream().filter(CapacityStep::sustainable).max(Comparator.comparingDouble(CapacityStep::offered));
  }

  /** The lowest unsustainable step above the knee (or the lowest of all when nothing was sustainable). */
  public Optional<CapacityStep> firstBad() {
    double above = knee().map(CapacityStep::offered).orElse(0.0);
    return steps.stream().filter(s -> !s.sustainable() && s.offered() > above)
        .min(Comparator.comparingDouble(CapacityStep::offered));
  }

  /** The steps ordered by offered load, for tables and charts. */
  public List<CapacityStep> byLoad() {
    return steps.stream().sorted(Comparator.comparingDouble(CapacityStep::offered)).toList();
  }

  /** The cell's slot setting as {@code workflow/activity}. */
  public String slots() {
    return workflowSlots + "/" + activitySlots;
  }
}
