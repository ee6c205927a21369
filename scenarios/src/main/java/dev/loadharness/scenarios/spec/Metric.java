package dev.loadharness.scenarios.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The measurements a threshold can name; the gate knows how to compute each one. */
public enum Metric {
  POLL_P95_MS("poll_p95_ms", "p95 of successful poll latency (temporal_worker_poll_latency_ms), ms"),
  WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS("workflow_task_schedule_to_start_p95_ms",
      "p95 of temporal_workflow_task_schedule_to_start_latency, ms"),
  ACTIVITY_SCHEDULE_TO_START_P95_MS("activity_schedule_to_start_p95_ms",
      "p95 of temporal_activity_schedule_to_start_latency, ms"),
  STICKY_HIT_RATIO("sticky_hit_ratio", "sticky cache hits / (hits + misses)"),
  START_P95_MS("start_p95_ms", "p95 of the client start call, ms"),
  END_TO_END_P50_MS("end_to_end_p50_ms", "median from start requested to result seen, ms"),
  END_TO_END_P95_MS("end_to_end_p95_ms", "p95 from start requested to result seen, ms"),
  END_TO_END_P99_MS("end_to_end_p99_ms", "p99 from start requested to result seen, ms"),
  FAILED("failed", "workflows that ended in failure"),
  TIMED_OUT("timed_out", "workflows whose result was not seen within the time budget"),
  UNACCOUNTED("unaccounted", "started workflows with no outcome"),
  COMPLETED_RATIO("completed_ratio", "completed / started"),
  DURATION_S("duration_s", "first start to last result, s"),
  THROUGHPUT_WPS("throughput_wps", "completed workflows per second"),
  WORKER_DEATHS("worker_deaths", "worker processes that ended during the run without the scenario stopping them"),
  WAKE_UP_P95_MS("wake_up_p95_ms",
      "p95 of long-idle wake-ups: timer due time or signal to the next completed workflow task, ms"),
  SCHEDULE_FIRE_DELAY_P95_MS("schedule_fire_delay_p95_ms",
      "p95 of schedule fire delay: a fired workflow's actual start minus its scheduled time, ms");

  private final String id;
  private final String description;

  Metric(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The spelling in spec files and run records. */
  public String id() {
    return id;
  }

  /** What the metric measures. */
  public String description() {
    return description;
  }

  /** The metric spelled {@code id}, if any. */
  public static Optional<Metric> of(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** Every id, comma-separated, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", "));
  }
}
