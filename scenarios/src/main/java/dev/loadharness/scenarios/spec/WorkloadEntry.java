package dev.loadharness.scenarios.spec;

import dev.loadharness.scenarios.catalog.WorkflowKind;
import java.util.Map;

/** One part of the workload mix: a catalog workflow kind, its weight and its resolved parameters. */
public record WorkloadEntry(WorkflowKind kind, int weight, Map<String, Integer> params) {

  public WorkloadEntry {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1, got " + weight);
    }
    params = Map.copyOf(params);
  }
}
