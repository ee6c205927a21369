package dev.loadharness.scenarios.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
    Map<String, String> inject,
    String await) {

  /**
   * One workload entry: a catalog workflow kind with its parameters, or a user's workflow type with its
   * arguments (a list of JSON values with variables); and its share of the workflows.
   */
  record RawMix(String kind, String type, Integer weight, Map<String, Integer> params, JsonNode args) {}

  /** How workflows arrive; the wave fields are for the ebb-and-flow and backlog models. */
  record RawInjection(String model, String duration, Double rate, Integer concurrency,
      @JsonProperty("min_rate") Double minRate,
      @JsonProperty("max_rate") Double maxRate,
      @JsonProperty("min_backlog") Integer minBacklog,
      @JsonProperty("max_backlog") Integer maxBacklog,
      String period) {}

  /** Worker processes and their runtime settings. */
  record RawWorkers(
      Integer processes,
      String runtime,
      @JsonProperty("workflow_slots") Integer workflowSlots,
      @JsonProperty("activity_slots") Integer activitySlots,
      @JsonProperty("workflow_pollers") Integer workflowPollers,
      @JsonProperty("activity_pollers") Integer activityPollers,
      @JsonProperty("cache_size") Integer cacheSize,
      @JsonProperty("kill_one_after") String killOneAfter,
      @JsonProperty("task_queue") String taskQueue,
      List<String> classpath,
      @JsonProperty("workflow_classes") List<String> workflowClasses,
      @JsonProperty("activity_classes") List<String> activityClasses,
      Boolean external,
      @JsonProperty("metrics_urls") List<String> metricsUrls,
      @JsonProperty("task_queues") Integer taskQueues) {}

  /** One threshold: metric, comparison and limit. */
  record RawThreshold(String metric, String op, Double limit) {}
}
