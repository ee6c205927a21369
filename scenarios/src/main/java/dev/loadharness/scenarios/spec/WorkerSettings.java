package dev.loadharness.scenarios.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * Worker processes and the runtime settings each one starts with.
 *
 * @param killOneAfter when set, the runner kills one worker with SIGKILL this long into the run
 */
public record WorkerSettings(
    int processes,
    RuntimeMode runtime,
    int workflowSlots,
    int activitySlots,
    int workflowPollers,
    int activityPollers,
    int cacheSize,
    Optional<Duration> killOneAfter) {

  /** The most worker JVMs a run starts: they all run on this machine. */
  public static final int MAX_PROCESSES = 16;

  public WorkerSettings {
    if (processes < 1 || workflowSlots < 1 || activitySlots < 1 || workflowPollers < 1 || activityPollers < 1
        || cacheSize < 1) {
      throw new IllegalArgumentException("worker settings must all be >= 1: " + processes + "/" + workflowSlots
          + "/" + activitySlots + "/" + workflowPollers + "/" + activityPollers + "/" + cacheSize);
    }
  }

  /** A copy with another process count. */
  public WorkerSettings withProcesses(int count) {
    return new WorkerSettings(count, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers,
        cacheSize, killOneAfter);
  }

  /** A copy with other workflow-task and activity slot counts. */
  public WorkerSettings withSlots(int workflow, int activity) {
    return new WorkerSettings(processes, runtime, workflow, activity, workflowPollers, activityPollers, cacheSize,
        killOneAfter);
  }

  /** A copy with another sticky cache size. */
  public WorkerSettings withCacheSize(int size) {
    return new WorkerSettings(processes, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers,
        size, killOneAfter);
  }

  /** A copy with another runtime mode (the comparison runs one scenario under each mode). */
  public WorkerSettings withRuntime(RuntimeMode mode) {
    return new WorkerSettings(processes, mode, workflowSlots, activitySlots, workflowPollers, activityPollers,
        cacheSize, killOneAfter);
  }

  /** How slots and pollers are governed inside a worker. */
  public enum RuntimeMode {
    FIXED("fixed"),
    ADAPTIVE("adaptive"),
    SDK_RESOURCE_BASED("sdk-resource-based"),
    SDK_POLLER_AUTOSCALING("sdk-poller-autoscaling");

    private final String id;

    RuntimeMode(String id) {
      this.id = id;
    }

    /** The spelling in spec files and on the worker command line. */
    public String id() {
      return id;
    }

    /** The mode spelled {@code id}, if any. */
    public static Optional<RuntimeMode> of(String id) {
      for (RuntimeMode mode : values()) {
        if (mode.id.equals(id)) {
          return Optional.of(mode);
        }
      }
      return Optional.empty();
    }
  }
}
