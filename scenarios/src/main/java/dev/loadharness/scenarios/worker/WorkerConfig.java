package dev.loadharness.scenarios.worker;

import dev.loadharness.scenarios.spec.WorkerSettings;
import java.nio.file.Path;
import java.util.Objects;

/** Everything one worker process needs: where the server is, which queue, which settings, where to write. */
public record WorkerConfig(
    String workerId, String target, String namespace, String taskQueue, WorkerSettings settings, Path directory) {

  public WorkerConfig {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(directory, "directory");
  }
}
