package dev.loadharness.scenarios.spec;

import dev.loadharness.scenarios.catalog.WorkflowKind;
import java.util.Map;
import java.util.Objects;

/**
 * One part of the workload mix: either a catalog workflow kind with its resolved parameters, or a user's
 * workflow type (registered by the user's code on the workers) with the template of its arguments.
 *
 * @param kind the catalog kind; null for a user's workflow type
 * @param weight share of the mix
 * @param params the catalog kind's resolved parameters (empty for a user's type)
 * @param userType the user's workflow type name; null for a catalog kind
 * @param input the user's workflow arguments; {@link InputTemplate#NONE} for a catalog kind
 */
public record WorkloadEntry(WorkflowKind kind, int weight, Map<String, Integer> params, String userType,
    InputTemplate input) {

  public WorkloadEntry {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1, got " + weight);
    }
    if ((kind == null) == (userType == null || userType.isBlank())) {
      throw new IllegalArgumentException("a mix entry names a catalog kind or a user workflow type, not both or "
          + "neither: kind " + kind + ", type " + userType);
    }
    params = Map.copyOf(params);
    input = Objects.requireNonNullElse(input, InputTemplate.NONE);
  }

  /** A catalog kind's entry. */
  public WorkloadEntry(WorkflowKind kind, int weight, Map<String, Integer> params) {
    this(kind, weight, params, null, InputTemplate.NONE);
  }

  /** A user's workflow type, started with arguments rendered from {@code input}. */
  public static WorkloadEntry userType(String type, int weight, InputTemplate input) {
    return new WorkloadEntry(null, weight, Map.of(), type, input);
  }

  /** Whether this entry is a user's workflow type rather than a catalog kind. */
  public boolean isUserType() {
    return kind == null;
  }

  /** The workflow type the driver starts. */
  public String workflowType() {
    return kind != null ? kind.workflowInterface().getSimpleName() : userType;
  }

  /** The entry's name in records and reports: the kind id, or the user's type name. */
  public String label() {
    return kind != null ? kind.id() : userType;
  }
}
