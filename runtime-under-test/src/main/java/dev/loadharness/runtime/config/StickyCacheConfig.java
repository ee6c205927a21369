package dev.loadharness.runtime.config;

import java.time.Duration;

/**
 * The sticky workflow cache and what it costs.
 *
 * @param cacheSize TEMPORAL_STICKY_CACHE_SIZE: cached workflow executions per process; 0 disables stickiness
 * @param maxWorkflowThreads TEMPORAL_MAX_WORKFLOW_THREADS: workflow-thread budget (each cached workflow
 *     parks at least one thread)
 * @param scheduleToStartTimeout TEMPORAL_STICKY_TTL_MS: how long the server waits for this worker's
 *     sticky queue before handing the task to any worker
 * @param drainTimeout TEMPORAL_STICKY_DRAIN_TIMEOUT_MS: how long a draining worker keeps polling its
 *     sticky queue so cached workflows finish their current task here
 */
public record StickyCacheConfig(
    int cacheSize, int maxWorkflowThreads, Duration scheduleToStartTimeout, Duration drainTimeout) {

  public static final int MAX_CACHE_SIZE = 100_000;

  public StickyCacheConfig {
    Check.range("TEMPORAL_STICKY_CACHE_SIZE", cacheSize, 0, MAX_CACHE_SIZE);
    Check.range("TEMPORAL_MAX_WORKFLOW_THREADS", maxWorkflowThreads, 2, 100_000);
    Check.millis("TEMPORAL_STICKY_TTL_MS", scheduleToStartTimeout, 100, Duration.ofMinutes(10).toMillis());
    Check.millis("TEMPORAL_STICKY_DRAIN_TIMEOUT_MS", drainTimeout, 0, Duration.ofMinutes(10).toMillis());
  }

  /** The SDK's defaults (600 cached, 600 threads, 5 s sticky timeout) plus a 5 s sticky drain. */
  public static StickyCacheConfig defaults() {
    return new StickyCacheConfig(600, 600, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }
}
