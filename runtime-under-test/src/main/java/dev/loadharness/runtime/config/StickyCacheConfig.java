package dev.loadharness.runtime.config;

import java.time.Duration;

/**
 * The sticky workflow cache and what it costs.
 *
 * @param cacheSize TEMPORAL_STICKY_CACHE_SIZE: cached workflow executions per process; 0 disables
 *     stickiness. With {@code memoryAware} it is ignored and the size comes from the heap budget
 * @param maxWorkflowThreads TEMPORAL_MAX_WORKFLOW_THREADS: workflow-thread budget (each cached
 *     workflow parks at least one thread)
 * @param scheduleToStartTimeout TEMPORAL_STICKY_TTL_MS: how long the server waits for this worker's
 *     sticky queue before handing the task to any worker
 * @param drainTimeout TEMPORAL_STICKY_DRAIN_TIMEOUT_MS: how long a draining worker keeps polling its
 *     sticky queue so cached workflows finish their current task here
 * @param memoryAware TEMPORAL_STICKY_CACHE_SIZE=auto: size = heap budget / bytes per cached workflow
 * @param heapFraction TEMPORAL_STICKY_HEAP_FRACTION: share of the max heap the cache may use
 * @param bytesPerWorkflow TEMPORAL_STICKY_BYTES_PER_WORKFLOW: measured heap per cached workflow
 */
public record StickyCacheConfig(
    int cacheSize,
    int maxWorkflowThreads,
    Duration scheduleToStartTimeout,
    Duration drainTimeout,
    boolean memoryAware,
    double heapFraction,
    long bytesPerWorkflow) {

  public static final int MAX_CACHE_SIZE = 100_000;
  /**
   * Heap per cached workflow: StickyCacheFootprintIT measured 29,549 bytes for a one-activity
   * workflow parked on a signal (dev server, JDK 17), rounded up. Measure your own workflows the
   * same way; bigger workflow state costs more.
   */
  public static final long DEFAULT_BYTES_PER_WORKFLOW = 32 * 1024;

  public StickyCacheConfig {
    Check.range("TEMPORAL_STICKY_CACHE_SIZE", cacheSize, 0, MAX_CACHE_SIZE);
    Check.range("TEMPORAL_MAX_WORKFLOW_THREADS", maxWorkflowThreads, 2, 100_000);
    Check.millis("TEMPORAL_STICKY_TTL_MS", scheduleToStartTimeout, 100, Duration.ofMinutes(10).toMillis());
    Check.millis("TEMPORAL_STICKY_DRAIN_TIMEOUT_MS", drainTimeout, 0, Duration.ofMinutes(10).toMillis());
    if (!(heapFraction > 0.0 && heapFraction <= 0.9)) {
      throw new ConfigException("TEMPORAL_STICKY_HEAP_FRACTION", heapFraction, "a number in (0, 0.9]");
    }
    if (bytesPerWorkflow < 1024 || bytesPerWorkflow > 1L << 30) {
      throw new ConfigException("TEMPORAL_STICKY_BYTES_PER_WORKFLOW", bytesPerWorkflow, "bytes in 1024..1073741824");
    }
  }

  /** A configured (not memory-aware) cache. */
  public StickyCacheConfig(int cacheSize, int maxWorkflowThreads, Duration scheduleToStartTimeout, Duration drainTimeout) {
    this(cacheSize, maxWorkflowThreads, scheduleToStartTimeout, drainTimeout, false, 0.3, DEFAULT_BYTES_PER_WORKFLOW);
  }

  /** The SDK's defaults (600 cached, 600 threads, 5 s sticky timeout) plus a 5 s sticky drain. */
  public static StickyCacheConfig defaults() {
    return new StickyCacheConfig(600, 600, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /**
   * The cache size and thread budget to use with {@code maxHeapBytes} of heap: the configured ones,
   * or for a memory-aware cache, heap budget / bytes per workflow capped by the thread budget: every
   * cached workflow parks a thread, so a cache larger than the budget only forces evictions, and
   * threads cost native memory the heap budget does not see.
   */
  public Sizing resolve(long maxHeapBytes) {
    if (!memoryAware) {
      return new Sizing(cacheSize, maxWorkflowThreads, "configured");
    }
    long budget = (long) (maxHeapBytes * heapFraction);
    long byHeap = Math.max(1, Math.min(MAX_CACHE_SIZE, budget / bytesPerWorkflow));
    int size = (int) Math.min(byHeap, maxWorkflowThreads);
    return new Sizing(size, maxWorkflowThreads, String.format(
        "memory-aware: %.0f%% of %d MiB heap / %d KiB per workflow = %d, thread budget %d",
        heapFraction * 100, maxHeapBytes >> 20, bytesPerWorkflow >> 10, byHeap, maxWorkflowThreads));
  }

  /**
   * A resolved cache size.
   *
   * @param cacheSize cached workflows
   * @param maxWorkflowThreads workflow-thread budget
   * @param reason how it was chosen, for the log
   */
  public record Sizing(int cacheSize, int maxWorkflowThreads, String reason) {}
}
