package dev.loadharness.reports.record;

import java.util.Arrays;
import java.util.Optional;

/**
 * The time-series columns a run record may carry. Producers name columns only through this type, so a
 * report chart can only draw what some producer writes; each constant says who fills it.
 */
public enum SeriesColumn {
  /** Completed workflows per second (driver). */
  THROUGHPUT_WPS("throughput_wps", "workflows/s"),
  /** Workflows started and not yet ended (driver). */
  IN_FLIGHT("in_flight", "workflows"),
  /** The arrival rate the injection offered at the tick: an ebb-and-flow run's wave (driver). */
  OFFERED_RATE("offered_rate", "workflows/s"),
  /** The in-flight target the injection kept at the tick: a backlog run's wave (driver). */
  BACKLOG_TARGET("backlog_target", "workflows"),
  /** End-to-end latency p95 of the workflows that ended in the interval, ms (driver). */
  END_TO_END_P95_MS("end_to_end_p95_ms", "ms"),
  /** Workflow-task slot limit summed over workers: the adaptive limit, or the fixed / SDK tuner's (workers). */
  WORKFLOW_SLOT_LIMIT("workflow_slot_limit", "slots"),
  /** Activity slot limit summed over workers (workers). */
  ACTIVITY_SLOT_LIMIT("activity_slot_limit", "slots"),
  /** Slots in use summed over workers, workflow + activity (workers). */
  SLOTS_USED("slots_used", "slots"),
  /** Reservations waiting for a slot summed over workers: the worker-side queue (adaptive workers). */
  SLOTS_WAITING("slots_waiting", "reservations"),
  /** Approximate task backlog the server reports for the run's task queue (driver, where the server answers). */
  SERVER_BACKLOG("server_backlog", "tasks"),
  /** Active pollers summed over workers (workers). */
  POLLERS("pollers", "pollers"),
  /** Sticky cache hits / (hits + misses) within the interval (workers). */
  STICKY_HIT_RATIO("sticky_hit_ratio", "ratio"),
  /** Worker process CPU over the interval, percent of one core, summed over workers (workers). */
  WORKER_CPU_PERCENT("worker_cpu_percent", "% of one core"),
  /**
   * The server process's CPU over the interval, percent of one core (driver, from /proc/&lt;pid&gt;/stat of a
   * server it started as a child: the dev server).
   */
  SERVER_CPU_PERCENT("server_cpu_percent", "% of one core"),
  /** The driver JVM's own process CPU over the interval, percent of one core (driver). */
  DRIVER_CPU_PERCENT("driver_cpu_percent", "% of one core"),
  /**
   * The whole machine's busy CPU over the interval, percent of one core (driver, from /proc/stat): this run's
   * processes and everything else on the machine.
   */
  MACHINE_CPU_PERCENT("machine_cpu_percent", "% of one core"),
  /** Used heap in MiB summed over workers (workers). */
  HEAP_USED_MB("heap_used_mb", "MiB"),
  /** Upper bound of the server's persistence latency p95 within the interval, ms (server scrape, buckets). */
  SERVER_PERSISTENCE_P95_MS("server_persistence_p95_ms", "ms"),
  /** Frontend requests per second (server scrape). */
  SERVER_REQUEST_RATE("server_requests_per_s", "requests/s"),
  /** Frontend and persistence errors within the interval (server scrape). */
  SERVER_ERRORS("server_errors", "errors"),
  /** Workflow + activity tasks in the server's task queue backlogs (server scrape: approximate_backlog_count). */
  SERVER_SCRAPED_BACKLOG("server_scraped_backlog", "tasks");

  private final String id;
  private final String unit;

  SeriesColumn(String id, String unit) {
    this.id = id;
    this.unit = unit;
  }

  /** The column's key in run.json. */
  public String id() {
    return id;
  }

  /** The unit its values are in. */
  public String unit() {
    return unit;
  }

  /** The column keyed {@code id}, if it is one of ours (older records may hold others). */
  public static Optional<SeriesColumn> of(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}
