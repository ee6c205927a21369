package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.metrics.IntervalSnapshot;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.runtime.metrics.PollLatencyInterceptor;
import dev.loadharness.runtime.metrics.RuntimeMetrics;
import dev.loadharness.runtime.transport.TransportPool;
import dev.loadharness.scenarios.spec.WorkerSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The runtime under test, {@link AdaptiveWorkerRuntime}, with the adaptive tuner: configured through its
 * own environment keys (so the worker runs exactly as a user's would), its exact metrics copied interval by
 * interval into {@link WorkerMetrics} so the gate reads the same names as for the SDK baseline.
 */
public final class AdaptiveWorkerHost implements WorkerHost {
  /** The runtime's metrics the gate reads; it counts activity schedule-to-start once (sdk-java#2733). */
  private static final List<String> TIMERS = List.of(MetricNames.POLL_LATENCY_MS,
      MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START);
  private static final List<String> COUNTERS = List.of(MetricNames.SDK_STICKY_HIT, MetricNames.SDK_STICKY_MISS);
  /** Gauges the run's time series read: the controller's decisions, its queue, slots in use, pollers. */
  private static final Set<String> GAUGES = Set.of(MetricNames.CONCURRENCY_LIMIT, MetricNames.QUEUE_DEPTH,
      MetricNames.SDK_SLOTS_USED, MetricNames.SDK_SLOTS_AVAILABLE, MetricNames.SDK_NUM_POLLERS);

  private final WorkerConfig config;
  private final WorkerMetrics metrics;
  private AdaptiveWorkerRuntime runtime;
  private RuntimeMetrics sharedMetrics;
  private TransportPool sharedPool;

  public AdaptiveWorkerHost(WorkerConfig config, WorkerMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /** The runtime's environment keys for this worker's settings; slot counts become the initial limits. */
  static Map<String, String> environment(WorkerConfig config) {
    WorkerSettings s = config.settings();
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(config.connection().toEnvironment());
    env.put("TEMPORAL_TASK_QUEUE", config.taskQueue());
    env.put("TEMPORAL_WORKER_IDENTITY", config.workerId());
    env.put("TEMPORAL_TUNER", "adaptive");
    env.put("TEMPORAL_WORKFLOW_CONCURRENCY", String.valueOf(s.workflowSlots()));
    env.put("TEMPORAL_ACTIVITY_CONCURRENCY", String.valueOf(s.activitySlots()));
    env.put("TEMPORAL_WORKFLOW_POLLERS", String.valueOf(s.workflowPollers()));
    env.put("TEMPORAL_ACTIVITY_POLLERS", String.valueOf(s.activityPollers()));
    env.put("TEMPORAL_STICKY_CACHE_SIZE", String.valueOf(s.cacheSize()));
    env.put("TEMPORAL_METRICS_DIR", config.directory().resolve("runtime-metrics").toString());
    env.put("TEMPORAL_METRICS_INTERVAL_MS", "1000");
    env.put("TEMPORAL_POLLER_START_JITTER_MS", "0");
    env.put("TEMPORAL_METRICS_PORT", String.valueOf(config.metricsPort()));
    // A worker pod (deploy/) overrides the port and sets where its Prometheus endpoint listens (deploy/: 0.0.0.0 on a fixed port to scrape).
    for (String key : new String[] {"TEMPORAL_METRICS_PORT", "TEMPORAL_METRICS_HOST"}) {
      String value = System.getenv(key);
      if (value != null && !value.isBlank()) {
        env.put(key, value);
      }
    }
    return env;
  }

  @Override
  public void start() {
    RuntimeConfig runtimeConfig = RuntimeConfig.from(environment(config), new Properties());
    if (config.workflowTaskDelay().isZero()) {
      runtime = AdaptiveWorkerRuntime.create(runtimeConfig);
    } else {
      // The injected delay needs one more interceptor on the transport: build the pool the runtime would.
      sharedMetrics = new RuntimeMetrics(runtimeConfig.metrics(), "worker-" + ProcessHandle.current().pid());
      sharedPool = new TransportPool(sharedMetrics.sdkScope(), List.of(
          new PollLatencyInterceptor(sharedMetrics.exact()), new WorkflowTaskDelay(config.workflowTaskDelay())));
      runtime = AdaptiveWorkerRuntime.create(runtimeConfig, sharedPool, sharedMetrics);
    }
    runtime.metrics().onInterval(this::copy);
    Registrations r = config.registrations();
    runtime.registerWorkflowImplementationTypes(r.workflowTypes().toArray(Class<?>[]::new));
    if (!r.activities().isEmpty()) {
      runtime.registerActivitiesImplementations(r.activities().toArray());
    }
    runtime.start();
  }

  private void copy(IntervalSnapshot interval) {
    TIMERS.forEach(name -> metrics.importSamples(name, interval.merged(name)));
    COUNTERS.forEach(name -> metrics.reportCounter(name, Map.of(), interval.delta(name)));
    interval.gauges().forEach((key, value) -> {
      if (GAUGES.contains(key.name())) {
        metrics.reportGauge(key.name(), key.tags(), value);
      }
    });
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.drain(Duration.ofSeconds(10));
      runtime.close();
    }
    if (sharedPool != null) {
      sharedPool.close();
    }
    if (sharedMetrics != null) {
      sharedMetrics.close();
    }
  }
}
