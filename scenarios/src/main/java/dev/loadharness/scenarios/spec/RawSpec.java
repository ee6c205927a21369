package dev.loadharness.scenarios.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A scenario file exactly as written: every field nullable, so {@link SpecValidator} can report each
 * missing or bad one with its path instead of failing on the first.
 */
record RawSpec(
    String name,
    String description,
    Integer workflows,
    List<RawMix> mix,
    RawInjection injection,
    @JsonProperty("warm_up") String warmUp,
    @JsonProperty("warm_up_workflows") Integer warmUpWorkflows,
    @JsonProperty("time_budget") String timeBudget,
    RawWorkers workers,
    String server,
    List<String> requires,
    List<RawThreshold> thresholds,
    Map<String, String> inject) {

  /** One workload entry: a catalog workflow kind, its share of the workflows and its parameters. */
  record RawMix(String kind, Integer weight, Map<String, Integer> params) {}

  /** How workflows arrive. */
  record RawInjection(String model, String duration, Double rate, Integer concurrency) {}

  /** Worker processes and their runtime settings. */
  record RawWorkers(
      Integer processes,
      String runtime,
      @JsonProperty("workflow_slots") Integer workflowSlots,
      @JsonProperty("activity_slots") Integer activitySlots,
      @JsonProperty("workflow_pollers") Integer workflowPollers,
      @JsonProperty("activity_pollers") Integer activityPollers,
      @JsonProperty("cache_size") Integer cacheSize,
      @JsonProperty("kill_one_after") String killOneAfter) {}

  /** One threshold: metric, comparison and limit. */
  record RawThreshold(String metric, String op, Double limit) {}
}
