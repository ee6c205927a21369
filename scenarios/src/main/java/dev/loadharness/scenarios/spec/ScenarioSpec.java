package dev.loadharness.scenarios.spec;

import dev.loadharness.scenarios.server.ServerCapability;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated scenario: what load to drive, against which workers and server, and the bars it must meet.
 *
 * @param workflows total workflows the run starts (closed model: an upper bound)
 * @param warmUp workflows started in this first part of the run are left out of latency statistics
 * @param warmUpWorkflows workflows of the mix run (and awaited) before the measured load, so the worker
 *     JVMs' JIT and caches are warm; they are not counted, and the workers' metrics are baselined after them
 * @param timeBudget the whole run, from first start to last result, must fit in this
 * @param server requested server kind ("auto" or a kind id)
 * @param await how the driver learns that a workflow closed ({@link AwaitMode})
 */
public record ScenarioSpec(
    String name,
    String description,
    int workflows,
    List<WorkloadEntry> mix,
    Injection injection,
    Duration warmUp,
    int warmUpWorkflows,
    Duration timeBudget,
    WorkerSettings workers,
    String server,
    Set<ServerCapability> requires,
    List<ThresholdSpec> thresholds,
    Regressions inject,
    AwaitMode await) {

  public ScenarioSpec {
    Objects.requireNonNull(name, "name");
    inject = inject == null ? Regressions.NONE : inject;
    await = await == null ? AwaitMode.LONG_POLL : await;
    mix = List.copyOf(mix);
    requires = Set.copyOf(requires);
    thresholds = List.copyOf(thresholds);
    if (warmUpWorkflows < 0) {
      throw new IllegalArgumentException("warmUpWorkflows must be >= 0, got " + warmUpWorkflows);
    }
    if (workflows < (injection.model().open() ? 1 : 0)) {
      throw new IllegalArgumentException("workflows must be >= 1 (0 for the closed model), got " + workflows);
    }
    if (workers.runtime() == WorkerSettings.RuntimeMode.PLAIN_SDK && inject.workflowTaskDelayMs() > 0) {
      throw new IllegalArgumentException("inject.workflow_task_delay_ms: "
          + plainSdkCannotDelay(inject.workflowTaskDelayMs()));
    }
  }

  /** Why runtime {@code plain-sdk} refuses an injected workflow-task delay of {@code millis}. */
  static String plainSdkCannotDelay(int millis) {
    return millis + " needs the harness's gRPC interceptor, which workers.runtime plain-sdk runs without; "
        + "use fixed or adaptive";
  }

  /** A copy with another worker process count (the --workers override). */
  public ScenarioSpec withWorkerProcesses(int processes) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        workers.withProcesses(processes), server, requires, thresholds, inject, await);
  }

  /** A copy with other worker settings (a capacity sweep's cell). */
  public ScenarioSpec withWorkers(WorkerSettings settings) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        settings, server, requires, thresholds, inject, await);
  }

  /**
   * A copy driving another load: one step of a capacity search, judged on {@code bars} instead of the spec's
   * own thresholds (those are written for the spec's load, e.g. its duration).
   *
   * @param load the step's injection
   * @param count workflows the step starts (closed model: 0)
   * @param settle workflows started in this first part of the step are left out of latency statistics
   * @param warmUpCount workflows run before the step's measured load
   * @param budget the step's time budget
   * @param bars the step's thresholds
   */
  public ScenarioSpec withLoad(Injection load, int count, Duration settle, int warmUpCount, Duration budget,
      List<ThresholdSpec> bars) {
    return new ScenarioSpec(name, description, count, mix, load, settle, warmUpCount, budget, workers, server,
        requires, bars, inject, await);
  }

  /** A copy whose workers run under another runtime mode. */
  public ScenarioSpec withRuntime(WorkerSettings.RuntimeMode mode) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        workers.withRuntime(mode), server, requires, thresholds, inject, await);
  }

  /** A copy whose workers run the user's code {@code code} (the --worker-classpath override). */
  public ScenarioSpec withWorkerCode(UserCode code) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        workers.withCode(code), server, requires, thresholds, inject, await);
  }

  /** Whether the mix names a user's workflow type. */
  public boolean hasUserTypes() {
    return mix.stream().anyMatch(WorkloadEntry::isUserType);
  }

  /** Whether the mix names a catalog kind. */
  public boolean hasCatalogKinds() {
    return mix.stream().anyMatch(e -> !e.isUserType());
  }

  /** A copy driving {@code workflows} workflows under {@code injection} (one segment of a distributed run). */
  public ScenarioSpec withLoad(int workflows, Injection injection) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        workers, server, requires, thresholds, inject, await);
  }

  /** A copy with these regressions injected (the --inject override). */
  public ScenarioSpec withRegressions(Regressions regressions) {
    return new ScenarioSpec(name, description, workflows, mix, injection, warmUp, warmUpWorkflows, timeBudget,
        workers, server, requires, thresholds, regressions, await);
  }

  /** The worker settings the workers run with: the spec's, with an injected sticky cache size applied. */
  public WorkerSettings effectiveWorkers() {
    return inject.stickyCacheSize().map(workers::withCacheSize).orElse(workers);
  }

  /** The threshold on {@code metric}, if the spec sets one. */
  public Optional<ThresholdSpec> threshold(Metric metric) {
    return thresholds.stream().filter(t -> t.metric() == metric).findFirst();
  }
}
