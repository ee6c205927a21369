package dev.loadharness.scenarios.worker;

/**
 * The seam between the worker process and the runtime under test: start polling the task queue, stop on
 * close. The process measures through {@link WorkerMetrics} whatever sits behind it.
 */
public interface WorkerHost extends AutoCloseable {

  /** Registers the catalog and starts polling. */
  void start();

  /** Stops polling, lets running tasks finish for a bounded time, releases connections. */
  @Override
  void close();
}
