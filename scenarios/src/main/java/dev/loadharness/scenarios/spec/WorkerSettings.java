package dev.loadharness.scenarios.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * Worker processes and the runtime settings each one starts with.
 *
 * @param killOneAfter when set, the runner kills one worker with SIGKILL this long into the run
 * @param taskQueue the task queue workflows are started on; empty: a queue of the run's own
 * @param code the user's code the harness's workers register; {@link UserCode#NONE}: the catalog
 * @param external a deployed fleet the harness does not start; then the settings above are not used
 * @param taskQueues how many task queues the run spreads its workflows over; every worker process polls all of
 *     them, one SDK worker per queue, as omes's workers do (1: the one queue)
 */
public record WorkerSettings(
    int processes,
    RuntimeMode runtime,
    int workflowSlots,
    int activitySlots,
    int workflowPollers,
    int activityPollers,
    int cacheSize,
    Optional<Duration> killOneAfter,
    Optional<String> taskQueue,
    UserCode code,
    Optional<ExternalWorkers> external,
    int taskQueues) {

  /** The most worker JVMs a run starts: they all run on this machine. */
  public static final int MAX_PROCESSES = 16;

  /** The most task queues a run spreads over: each is one SDK worker, with its own pollers, in every process. */
  public static final int MAX_TASK_QUEUES = 64;

  public WorkerSettings {
    if (processes < 1 || workflowSlots < 1 || activitySlots < 1 || workflowPollers < 1 || activityPollers < 1
        || cacheSize < 1) {
      throw new IllegalArgumentException("worker settings must all be >= 1: " + processes + "/" + workflowSlots
          + "/" + activitySlots + "/" + workflowPollers + "/" + activityPollers + "/" + cacheSize);
    }
    code = code == null ? UserCode.NONE : code;
    taskQueue = taskQueue == null ? Optional.empty() : taskQueue;
    external = external == null ? Optional.empty() : external;
    if (taskQueues < 1 || taskQueues > MAX_TASK_QUEUES) {
      throw new IllegalArgumentException("workers.task_queues: " + taskQueues + " is out of range; allowed: 1 to "
          + MAX_TASK_QUEUES);
    }
    if (external.isPresent() && taskQueues != 1) {
      throw new IllegalArgumentException("workers.task_queues: external workers poll one task queue");
    }
    if (external.isPresent()) {
      if (code.present() || killOneAfter.isPresent()) {
        throw new IllegalArgumentException("workers.external: the harness starts no workers, so it cannot run "
            + "their code (classpath) or kill one (kill_one_after)");
      }
      taskQueue = Optional.of(external.get().taskQueue());
    }
  }

  /** Settings on one task queue. */
  public WorkerSettings(int processes, RuntimeMode runtime, int workflowSlots, int activitySlots,
      int workflowPollers, int activityPollers, int cacheSize, Optional<Duration> killOneAfter,
      Optional<String> taskQueue, UserCode code, Optional<ExternalWorkers> external) {
    this(processes, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers, cacheSize, killOneAfter,
        taskQueue, code, external, 1);
  }

  /** Settings of worker JVMs the harness starts, on the run's own task queue with the catalog. */
  public WorkerSettings(int processes, RuntimeMode runtime, int workflowSlots, int activitySlots,
      int workflowPollers, int activityPollers, int cacheSize, Optional<Duration> killOneAfter) {
    this(processes, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers, cacheSize, killOneAfter,
        Optional.empty(), UserCode.NONE, Optional.empty());
  }

  /**
   * The task queues of a run whose base queue is {@code base}: {@code base} itself for one queue, else
   * {@code base-0} to {@code base-(n-1)}, omes's suffixes.
   */
  public java.util.List<String> taskQueueNames(String base) {
    return taskQueues == 1 ? java.util.List.of(base)
        : java.util.stream.IntStream.range(0, taskQueues).mapToObj(i -> base + "-" + i).toList();
  }

  /** Whether the workers are a deployed fleet the harness neither starts nor stops. */
  public boolean isExternal() {
    return external.isPresent();
  }

  /** A copy whose workers register {@code userCode}. */
  public WorkerSettings withCode(UserCode userCode) {
    return new WorkerSettings(processes, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers,
        cacheSize, killOneAfter, taskQueue, userCode, external, taskQueues);
  }

  /** A copy with another process count. */
  public WorkerSettings withProcesses(int count) {
    return new WorkerSettings(count, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers,
        cacheSize, killOneAfter, taskQueue, code, external, taskQueues);
  }

  /** A copy with other workflow-task and activity slot counts. */
  public WorkerSettings withSlots(int workflow, int activity) {
    return new WorkerSettings(processes, runtime, workflow, activity, workflowPollers, activityPollers, cacheSize,
        killOneAfter, Optional.empty(), UserCode.NONE, Optional.empty(), taskQueues);
  }

  /** A copy with another sticky cache size. */
  public WorkerSettings withCacheSize(int size) {
    return new WorkerSettings(processes, runtime, workflowSlots, activitySlots, workflowPollers, activityPollers,
        size, killOneAfter, taskQueue, code, external, taskQueues);
  }

  /** A copy with another runtime mode (the comparison runs one scenario under each mode). */
  public WorkerSettings withRuntime(RuntimeMode mode) {
    return new WorkerSettings(processes, mode, workflowSlots, activitySlots, workflowPollers, activityPollers,
        cacheSize, killOneAfter, taskQueue, code, external, taskQueues);
  }

  /**
   * How slots and pollers are governed inside a worker. {@code plain-sdk} is the SDK's own worker at the fixed
   * slots with none of the harness's metrics or interceptors: the baseline the runtime's overhead is measured
   * against (its workers report process CPU, heap and GC only).
   */
  public enum RuntimeMode {
    FIXED("fixed"),
    ADAPTIVE("adaptive"),
    SDK_RESOURCE_BASED("sdk-resource-based"),
    SDK_POLLER_AUTOSCALING("sdk-poller-autoscaling"),
    PLAIN_SDK("plain-sdk");

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
