package dev.loadharness.scenarios.worker;

import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.spec.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one worker process needs: how to reach the server (TLS and API key included), which queue(s),
 * which settings, where to write, the injected workflow-task delay (zero unless a regression is injected),
 * what to register and the Prometheus port (0: any free port).
 */
public record WorkerConfig(
    String workerId, ConnectionSettings connection, String taskQueue, WorkerSettings settings, Path directory,
    Duration workflowTaskDelay, Registrations registrations, int metricsPort) {

  public WorkerConfig {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(directory, "directory");
    workflowTaskDelay = workflowTaskDelay == null ? Duration.ZERO : workflowTaskDelay;
    Objects.requireNonNull(registrations, "registrations");
  }

  /** The queues to poll: {@code taskQueue} is one name or a comma-separated list (a run on several queues). */
  public java.util.List<String> taskQueues() {
    return java.util.Arrays.stream(taskQueue.split(",")).map(String::trim).filter(q -> !q.isEmpty()).toList();
  }
}
