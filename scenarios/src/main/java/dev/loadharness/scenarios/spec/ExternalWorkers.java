package dev.loadharness.scenarios.spec;

import java.net.URI;
import java.util.List;

/**
 * A worker fleet deployed outside the harness: the harness starts no workers, drives load at the fleet's
 * task queue and scrapes the fleet's Prometheus endpoints for its worker metrics.
 *
 * @param taskQueue the queue the fleet polls
 * @param metricsUrls each worker's Prometheus endpoint ({@code http://host:port/metrics}); may be empty
 */
public record ExternalWorkers(String taskQueue, List<URI> metricsUrls) {
  public ExternalWorkers {
    if (taskQueue == null || taskQueue.isBlank()) {
      throw new IllegalArgumentException("workers.task_queue: an external fleet needs the task queue it polls");
    }
    metricsUrls = List.copyOf(metricsUrls);
  }
}
