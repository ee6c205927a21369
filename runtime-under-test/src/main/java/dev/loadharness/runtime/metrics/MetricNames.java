package dev.loadharness.runtime.metrics;

/** Metric names this runtime emits itself (the SDK's own names come from io.temporal.worker.MetricsType). */
public final class MetricNames {
  private MetricNames() {}

  /** Latency of long polls that returned a task (empty polls excluded), milliseconds. */
  public static final String POLL_LATENCY_MS = "temporal_worker_poll_latency_ms";
  /** Tasks waiting: the server backlog (source=server) or reservations waiting for a slot (source=slots). */
  public static final String QUEUE_DEPTH = "temporal_worker_queue_depth";
  /** Sticky cache hits / (hits + misses) over the last interval. */
  public static final String STICKY_HIT_RATIO = "temporal_worker_sticky_hit_ratio";
  /** Sticky cache capacity the runtime chose (configured or memory-aware). */
  public static final String STICKY_CACHE_CAPACITY = "temporal_worker_sticky_cache_capacity";
  /** gRPC channels the transport pool built. */
  public static final String TRANSPORT_CHANNELS = "temporal_transport_channels";
  /** TCP connections those channels opened. */
  public static final String TRANSPORT_CONNECTIONS = "temporal_transport_connections";
  /** TLS handshakes those connections performed. */
  public static final String TRANSPORT_TLS_HANDSHAKES = "temporal_transport_tls_handshakes";
  /** Open pooled transports. */
  public static final String TRANSPORT_OPEN = "temporal_transport_open";
  /** The current slot limit per kind (fixed limits included). */
  public static final String CONCURRENCY_LIMIT = "temporal_worker_concurrency_limit";
  /** Timer samples dropped as duplicates (SDK issue 2733). */
  public static final String DUPLICATE_SAMPLES_DROPPED = "temporal_runtime_duplicate_samples_dropped";

  /** SDK timer recorded twice per activity task in 1.38 (poll task and task handler). */
  public static final String SDK_ACTIVITY_SCHEDULE_TO_START = "temporal_activity_schedule_to_start_latency";
  /** SDK timer of workflow task schedule-to-start. */
  public static final String SDK_WORKFLOW_SCHEDULE_TO_START = "temporal_workflow_task_schedule_to_start_latency";
  /** SDK counter of sticky cache hits. */
  public static final String SDK_STICKY_HIT = "temporal_sticky_cache_hit";
  /** SDK counter of sticky cache misses. */
  public static final String SDK_STICKY_MISS = "temporal_sticky_cache_miss";
  /** SDK gauge of free slots per worker type (WorkflowWorker, ActivityWorker, ...). */
  public static final String SDK_SLOTS_AVAILABLE = "temporal_worker_task_slots_available";
  /** SDK gauge of slots in use per worker type. */
  public static final String SDK_SLOTS_USED = "temporal_worker_task_slots_used";
  /** SDK gauge of active pollers per poller type. */
  public static final String SDK_NUM_POLLERS = "temporal_num_pollers";
  /** SDK counter of forced evictions from the sticky cache. */
  public static final String SDK_STICKY_EVICTION = "temporal_sticky_cache_total_forced_eviction";
}
