package dev.loadharness.reports.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run record (run.json, schema 1): everything one load run measured, the only input reports need.
 *
 * <p>Field meanings are fixed for a schema version; fields may be added freely, but changing the meaning
 * of one requires a new {@link #SCHEMA}. Use {@link #builder()} to assemble one and {@link RunRecords} to
 * read and write it.
 *
 * @param schema format version, always {@link #SCHEMA} for this class
 * @param runId unique id of the run (also its directory name by convention)
 * @param scenario scenario name, e.g. {@code worker-load-128}
 * @param startedAt when the load phase started
 * @param git source revision
 * @param environment server and machine
 * @param runtime effective worker settings (free-form, flattened or nested)
 * @param workload the load the run drove (mix, injection, warm-up); null in records written before it existed
 * @param load workflow outcome counts and throughput
 * @param latencyMs latency per metric name (e.g. {@code start}, {@code end_to_end}, {@code poll})
 * @param sticky sticky cache efficiency, null when not measured
 * @param resources worker resource use, null when not measured
 * @param series per-interval time series
 * @param thresholds evaluated thresholds
 * @param verdict overall outcome
 * @param artifacts artifact name to path relative to the run directory
 * @param description what the scenario does, from its spec; may be null
 * @param driver what driving the load cost the driver JVM; null when the injection did not run
 * @param failures failed workflows by cause
 * @param events what happened during the run beyond the numbers (worker deaths, faults)
 * @param error why the run could not be measured, for verdicts {@code error} and {@code interrupted}; else null
 * @param workerScrape a deployed (external) worker fleet's metrics, scraped from its Prometheus endpoints; null
 *     when the harness ran its own workers (their metrics are exact, in {@code latency_ms}) or none were scraped
 * @param serverMetrics the Temporal server's own metrics, scraped from its Prometheus endpoint; null when not scraped
 * @param saturation which side saturated first, null when the run was not measured
 * @param segments the segments of a distributed run (its load split over drivers), empty for a single run
 * @param taskQueues the server's count of the run's workflows on each of its task queues, for a run spread over
 *     several ({@code workers.task_queues}); empty (and not written) for a run on one queue
 */
public record RunRecord(
    int schema,
    String runId,
    String scenario,
    Instant startedAt,
    GitInfo git,
    Environment environment,
    Map<String, Object> runtime,
    Workload workload,
    LoadSummary load,
    Map<String, LatencySummary> latencyMs,
    StickyCache sticky,
    Resources resources,
    TimeSeries series,
    List<Threshold> thresholds,
    Verdict verdict,
    Map<String, String> artifacts,
    String description,
    DriverUse driver,
    Map<String, Long> failures,
    List<RunEvent> events,
    String error,
    ScrapedMetrics workerScrape,
    ScrapedMetrics serverMetrics,
    Saturation saturation,
    // Written only for a distributed run, so a single run's run.json is unchanged by the field.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SegmentSummary> segments,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TaskQueueCount> taskQueues) {

  /** The schema version this class reads and writes. */
  public static final int SCHEMA = 1;

  /** Start latency: the client's start call returned. */
  public static final String LATENCY_START = "start";
  /** End-to-end latency: start requested until the result was observed. */
  public static final String LATENCY_END_TO_END = "end_to_end";
  /** Workflow task schedule-to-start latency. */
  public static final String LATENCY_WORKFLOW_SCHEDULE_TO_START = "workflow_task_schedule_to_start";
  /** Activity task schedule-to-start latency (counted once per task). */
  public static final String LATENCY_ACTIVITY_SCHEDULE_TO_START = "activity_task_schedule_to_start";
  /** Successful poll latency ({@code temporal_worker_poll_latency_ms}). */
  public static final String LATENCY_POLL = "poll";
  /** Artifact key of Gatling's own HTML report. */
  public static final String ARTIFACT_GATLING_REPORT = "gatling_report";
  /** Artifact key of this run's HTML report. */
  public static final String ARTIFACT_HTML_REPORT = "report";

  /** Validates identity fields and artifact paths, and freezes the collections. */
  public RunRecord {
    if (schema != SCHEMA) {
      throw new UnsupportedSchemaException(schema);
    }
    requireText("run_id", runId);
    requireText("scenario", scenario);
    if (startedAt == null) {
      throw new IllegalArgumentException("started_at is required (ISO-8601 instant)");
    }
    if (git == null) {
      throw new IllegalArgumentException("git is required");
    }
    if (environment == null) {
      throw new IllegalArgumentException("environment is required");
    }
    if (load == null) {
      throw new IllegalArgumentException("load is required");
    }
    if (verdict == null) {
      throw new IllegalArgumentException("verdict is required (pass, fail, error or interrupted)");
    }
    runtime = runtime == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(runtime));
    latencyMs = latencyMs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(latencyMs));
    series = series == null ? TimeSeries.EMPTY : series;
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    artifacts = artifacts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(artifacts));
    failures = failures == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(failures));
    events = events == null ? List.of() : List.copyOf(events);
    segments = segments == null ? List.of() : List.copyOf(segments);
    taskQueues = taskQueues == null ? List.of() : List.copyOf(taskQueues);
    for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
      requireRelative(artifact.getKey(), artifact.getValue());
    }
  }

  /** Starts a builder; schema is set for you. */
  public static Builder builder() {
    return new Builder();
  }

  /** A copy of this record as a builder, to change a few fields. */
  public Builder toBuilder() {
    Builder b = new Builder().runId(runId).scenario(scenario).startedAt(startedAt).git(git)
        .environment(environment).runtime(runtime).workload(workload).load(load).sticky(sticky)
        .resources(resources).series(series).verdict(verdict).description(description).driver(driver)
        .failures(failures).error(error).workerScrape(workerScrape).serverMetrics(serverMetrics)
        .saturation(saturation);
    events.forEach(b::event);
    segments.forEach(b::segment);
    taskQueues.forEach(b::taskQueue);
    latencyMs.forEach(b::latency);
    thresholds.forEach(b::threshold);
    artifacts.forEach(b::artifact);
    return b;
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be non-blank");
    }
  }

  private static void requireRelative(String name, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("artifacts." + name + " must be a non-blank relative path");
    }
    Path p = Path.of(path);
    if (p.isAbsolute() || p.normalize().startsWith("..") || path.startsWith("/")) {
      throw new IllegalArgumentException(
          "artifacts." + name + " must be relative to the run directory, was \"" + path + "\"");
    }
  }

  /** Assembles a {@link RunRecord} field by field; {@link #build()} validates. */
  public static final class Builder {
    private String runId;
    private String scenario;
    private Instant startedAt;
    private GitInfo git = new GitInfo("unknown", false);
    private Environment environment;
    private final Map<String, Object> runtime = new TreeMap<>();
    private Workload workload;
    private LoadSummary load;
    private final Map<String, LatencySummary> latencyMs = new LinkedHashMap<>();
    private StickyCache sticky;
    private Resources resources;
    private TimeSeries series = TimeSeries.EMPTY;
    private final List<Threshold> thresholds = new ArrayList<>();
    private Verdict verdict;
    private final Map<String, String> artifacts = new TreeMap<>();
    private String description;
    private DriverUse driver;
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final List<SegmentSummary> segments = new ArrayList<>();
    private final List<TaskQueueCount> taskQueues = new ArrayList<>();
    private String error;
    private ScrapedMetrics workerScrape;
    private ScrapedMetrics serverMetrics;
    private Saturation saturation;

    private Builder() {}

    /** Sets the external workers' scraped metrics. */
    public Builder workerScrape(ScrapedMetrics value) {
      this.workerScrape = value;
      return this;
    }

    /** Sets the server's scraped metrics. */
    public Builder serverMetrics(ScrapedMetrics value) {
      this.serverMetrics = value;
      return this;
    }

    /** Sets which side saturated first. */
    public Builder saturation(Saturation value) {
      this.saturation = value;
      return this;
    }

    /** Sets what the scenario does. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Sets what driving the load cost. */
    public Builder driver(DriverUse value) {
      this.driver = value;
      return this;
    }

    /** Adds failed workflows by cause. */
    public Builder failures(Map<String, Long> value) {
      this.failures.putAll(value);
      return this;
    }

    /** Adds one event. */
    public Builder event(RunEvent value) {
      this.events.add(value);
      return this;
    }

    /** Adds one segment of a distributed run. */
    public Builder segment(SegmentSummary value) {
      this.segments.add(value);
      return this;
    }

    /** Adds one task queue's count (a run spread over several queues). */
    public Builder taskQueue(TaskQueueCount value) {
      this.taskQueues.add(value);
      return this;
    }

    /** Sets why the run could not be measured. */
    public Builder error(String value) {
      this.error = value;
      return this;
    }

    /** Sets the run id. */
    public Builder runId(String value) {
      this.runId = value;
      return this;
    }

    /** Sets the scenario name. */
    public Builder scenario(String value) {
      this.scenario = value;
      return this;
    }

    /** Sets when the load phase started. */
    public Builder startedAt(Instant value) {
      this.startedAt = value;
      return this;
    }

    /** Sets the source revision. */
    public Builder git(GitInfo value) {
      this.git = value;
      return this;
    }

    /** Sets the server and machine. */
    public Builder environment(Environment value) {
      this.environment = value;
      return this;
    }

    /** Adds all effective worker settings. */
    public Builder runtime(Map<String, ?> settings) {
      this.runtime.putAll(settings);
      return this;
    }

    /** Adds one effective worker setting. */
    public Builder runtimeSetting(String name, Object value) {
      this.runtime.put(name, value);
      return this;
    }

    /** Sets the load the run drove. */
    public Builder workload(Workload value) {
      this.workload = value;
      return this;
    }

    /** Sets the outcome counts. */
    public Builder load(LoadSummary value) {
      this.load = value;
      return this;
    }

    /** Adds the latency of one metric. */
    public Builder latency(String metric, LatencySummary value) {
      this.latencyMs.put(metric, value);
      return this;
    }

    /** Sets the sticky cache summary. */
    public Builder sticky(StickyCache value) {
      this.sticky = value;
      return this;
    }

    /** Sets the worker resource summary. */
    public Builder resources(Resources value) {
      this.resources = value;
      return this;
    }

    /** Sets the time series. */
    public Builder series(TimeSeries value) {
      this.series = value;
      return this;
    }

    /** Adds one evaluated threshold. */
    public Builder threshold(Threshold value) {
      this.thresholds.add(value);
      return this;
    }

    /** Sets the verdict explicitly. */
    public Builder verdict(Verdict value) {
      this.verdict = value;
      return this;
    }

    /** Adds an artifact path relative to the run directory. */
    public Builder artifact(String name, String relativePath) {
      this.artifacts.put(name, relativePath);
      return this;
    }

    /** Validates and builds; without an explicit verdict it is FAIL if any threshold failed, else PASS. */
    public RunRecord build() {
      Verdict v = verdict != null ? verdict
          : thresholds.stream().allMatch(Threshold::pass) ? Verdict.PASS : Verdict.FAIL;
      return new RunRecord(SCHEMA, runId, scenario, startedAt, git, environment, runtime, workload, load, latencyMs,
          sticky, resources, series, thresholds, v, artifacts, description, driver, failures, events, error,
          workerScrape, serverMetrics, saturation, segments, taskQueues);
    }
  }
}
