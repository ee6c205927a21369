package dev.loadharness.runtime.config;

import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.SlotKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything an {@code AdaptiveWorkerRuntime} is built from. Every component validates itself at
 * construction, so an instance that exists is usable; build one from the environment with {@link
 * #fromEnvironment()} or {@link RuntimeConfigLoader}.
 *
 * @param connection server address, namespace, TLS, API key and transport tuning
 * @param taskQueues TEMPORAL_TASK_QUEUE: one worker per queue (comma-separated)
 * @param tuner TEMPORAL_TUNER (defaults from TEMPORAL_DYNAMIC_CONCURRENCY)
 * @param concurrency slot limits (TEMPORAL_*_CONCURRENCY[_MIN|_MAX]) and whether they adapt
 * @param resourceTargetCpu TEMPORAL_RESOURCE_TARGET_CPU for the SDK's resource-based tuner
 * @param resourceTargetMemory TEMPORAL_RESOURCE_TARGET_MEMORY for the SDK's resource-based tuner
 * @param pollers poller mode, counts and start jitter
 * @param sticky sticky cache size, thread budget, sticky timeout and drain
 * @param buildId TEMPORAL_WORKER_BUILD_ID
 * @param identity TEMPORAL_WORKER_IDENTITY (the SDK's pid@host when empty)
 * @param metrics exporters, directory, port, interval
 * @param drainTimeout TEMPORAL_DRAIN_TIMEOUT_MS: how long drain waits for in-flight tasks
 * @param heartbeatTuning TEMPORAL_HEARTBEAT_TUNING: adapt each activity type's heartbeat throttle
 */
public record RuntimeConfig(
    ConnectionConfig connection,
    List<String> taskQueues,
    TunerKind tuner,
    ConcurrencySettings concurrency,
    double resourceTargetCpu,
    double resourceTargetMemory,
    PollerConfig pollers,
    StickyCacheConfig sticky,
    Optional<String> buildId,
    Optional<String> identity,
    MetricsConfig metrics,
    Duration drainTimeout,
    boolean heartbeatTuning) {

  /** The largest slot limit any kind accepts. */
  public static final int MAX_SLOTS = 10_000;

  public RuntimeConfig {
    Objects.requireNonNull(connection, "connection");
    taskQueues = List.copyOf(taskQueues);
    if (taskQueues.isEmpty() || taskQueues.stream().anyMatch(String::isBlank)) {
      throw new ConfigException("TEMPORAL_TASK_QUEUE", String.join(",", taskQueues), "a comma-separated list of non-blank names");
    }
    if (taskQueues.stream().distinct().count() != taskQueues.size()) {
      throw new ConfigException("TEMPORAL_TASK_QUEUE", String.join(",", taskQueues), "distinct names");
    }
    Objects.requireNonNull(tuner, "tuner");
    Objects.requireNonNull(concurrency, "concurrency");
    for (SlotKind kind : SlotKind.values()) {
      String variable = RuntimeConfigLoader.concurrencyVariable(kind);
      Check.range(variable + "_MAX", concurrency.limits(kind).max(), 1, MAX_SLOTS);
    }
    if ((tuner == TunerKind.ADAPTIVE) != concurrency.dynamic()) {
      throw new ConfigException("TEMPORAL_TUNER=" + tuner.id() + " contradicts TEMPORAL_DYNAMIC_CONCURRENCY="
          + concurrency.dynamic() + ": dynamic concurrency is exactly the adaptive tuner");
    }
    Check.fraction("TEMPORAL_RESOURCE_TARGET_CPU", resourceTargetCpu);
    Check.fraction("TEMPORAL_RESOURCE_TARGET_MEMORY", resourceTargetMemory);
    Objects.requireNonNull(pollers, "pollers");
    Objects.requireNonNull(sticky, "sticky");
    Objects.requireNonNull(buildId, "buildId");
    buildId.ifPresent(id -> Check.nonBlank("TEMPORAL_WORKER_BUILD_ID", id));
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(metrics, "metrics");
    Check.millis("TEMPORAL_DRAIN_TIMEOUT_MS", drainTimeout, 0, Duration.ofHours(1).toMillis());
  }

  /** Reads environment variables, then system properties (which win), then TEMPORAL_CONFIG_FILE beneath both. */
  public static RuntimeConfig fromEnvironment() {
    return RuntimeConfigLoader.load(System.getenv(), System.getProperties());
  }

  /** Reads {@code env}-style names from a map and {@code properties}, as {@link #fromEnvironment()} does. */
  public static RuntimeConfig from(Map<String, String> env, Properties properties) {
    return RuntimeConfigLoader.load(env, properties);
  }

  /** Defaults for a plaintext server at {@code target}: fixed 10/14/14 slots, one task queue. */
  public static RuntimeConfig defaults(String target, String namespace, String taskQueue) {
    return new RuntimeConfig(
        ConnectionConfig.plaintext(target, namespace),
        List.of(taskQueue),
        TunerKind.FIXED,
        ConcurrencySettings.fixed(10, 14, 14),
        0.8,
        0.8,
        PollerConfig.defaults(),
        StickyCacheConfig.defaults(),
        Optional.empty(),
        Optional.empty(),
        MetricsConfig.defaults(),
        Duration.ofSeconds(30),
        true);
  }

  /** A copy with other task queues. */
  public RuntimeConfig withTaskQueues(List<String> queues) {
    return new RuntimeConfig(connection, queues, tuner, concurrency, resourceTargetCpu, resourceTargetMemory,
        pollers, sticky, buildId, identity, metrics, drainTimeout, heartbeatTuning);
  }

  /** A copy with another tuner and concurrency settings. */
  public RuntimeConfig withConcurrency(TunerKind newTuner, ConcurrencySettings settings) {
    return new RuntimeConfig(connection, taskQueues, newTuner, settings, resourceTargetCpu, resourceTargetMemory,
        pollers, sticky, buildId, identity, metrics, drainTimeout, heartbeatTuning);
  }

  /** A copy with other metrics settings. */
  public RuntimeConfig withMetrics(MetricsConfig newMetrics) {
    return new RuntimeConfig(connection, taskQueues, tuner, concurrency, resourceTargetCpu, resourceTargetMemory,
        pollers, sticky, buildId, identity, newMetrics, drainTimeout, heartbeatTuning);
  }

  /** A copy with other poller settings. */
  public RuntimeConfig withPollers(PollerConfig newPollers) {
    return new RuntimeConfig(connection, taskQueues, tuner, concurrency, resourceTargetCpu, resourceTargetMemory,
        newPollers, sticky, buildId, identity, metrics, drainTimeout, heartbeatTuning);
  }

  /** A copy with other sticky cache settings. */
  public RuntimeConfig withSticky(StickyCacheConfig newSticky) {
    return new RuntimeConfig(connection, taskQueues, tuner, concurrency, resourceTargetCpu, resourceTargetMemory,
        pollers, newSticky, buildId, identity, metrics, drainTimeout, heartbeatTuning);
  }

  /** A copy with another connection. */
  public RuntimeConfig withConnection(ConnectionConfig newConnection) {
    return new RuntimeConfig(newConnection, taskQueues, tuner, concurrency, resourceTargetCpu, resourceTargetMemory,
        pollers, sticky, buildId, identity, metrics, drainTimeout, heartbeatTuning);
  }
}
