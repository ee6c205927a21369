package dev.loadharness.gatling.pipeline;

import dev.loadharness.scenarios.server.ServerKind;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of a load run: what runs (the validated spec) and where its files go. Every later phase
 * reads its names from here, so two runs on one server never share a task queue or workflow id.
 *
 * @param spec the scenario, overrides applied
 * @param runDir the run directory, created
 * @param startedAt when the run was planned; the run directory's stamp
 * @param progressEvery how often the progress line is printed and a series sample taken
 * @param workerCode the build the worker JVMs run (this checkout's, or an A/B run's baseline)
 * @param workerQueue the task queue of an external worker fleet (Kubernetes, deploy/), which the run then uses
 *     instead of starting worker JVMs on its own queue; empty for the run's own workers
 */
public record RunPlan(ScenarioSpec spec, Path runDir, Instant startedAt, Duration progressEvery,
    WorkerCode workerCode, Optional<String> workerQueue) {
  /** Run directories are named {@code <stamp>-<name>}. */
  public static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public RunPlan {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(workerCode, "workerCode");
    workerQueue = workerQueue == null ? Optional.empty() : workerQueue.filter(q -> !q.isBlank());
    if (progressEvery == null || progressEvery.isNegative() || progressEvery.isZero()) {
      throw new IllegalArgumentException("--progress-every must be > 0, got " + progressEvery);
    }
  }

  /** A plan whose run starts its own worker JVMs. */
  public RunPlan(ScenarioSpec spec, Path runDir, Instant startedAt, Duration progressEvery, WorkerCode workerCode) {
    this(spec, runDir, startedAt, progressEvery, workerCode, Optional.empty());
  }

  /** Plans a run of {@code spec} in a new directory {@code <runs>/<stamp>-<spec name>[-label]}. */
  public static RunPlan create(ScenarioSpec spec, Path runs, String label, Duration progressEvery)
      throws IOException {
    Instant now = Instant.now();
    String name = spec.name() + (label == null || label.isEmpty() ? "" : "-" + label);
    return new RunPlan(spec, newDirectory(runs.toAbsolutePath(), STAMP.format(now) + "-" + name), now, progressEvery,
        WorkerCode.head());
  }

  /**
   * A directory no other run has: two runs of one spec planned in the same second (parallel jobs writing to
   * one --out) would otherwise share it, and with it the task queue and workflow ids named after it.
   */
  private static Path newDirectory(Path runs, String name) throws IOException {
    Files.createDirectories(runs);
    for (int n = 1; ; n++) {
      Path dir = runs.resolve(n == 1 ? name : name + "-" + n);
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException taken) {
        // the next suffix
      }
    }
  }

  /** This plan with its workers running {@code code}. */
  public RunPlan withWorkerCode(WorkerCode code) {
    return new RunPlan(spec, runDir, startedAt, progressEvery, code, workerQueue);
  }

  /** This plan driving an external worker fleet that polls {@code queue} (no worker JVMs of its own). */
  public RunPlan withWorkerQueue(String queue) {
    return new RunPlan(spec, runDir, startedAt, progressEvery, workerCode, Optional.of(queue));
  }

  /** Whether the workers are an external fleet (--worker-queue or the spec's workers.external): the run starts none. */
  public boolean externalWorkers() {
    return workerQueue.isPresent() || spec.workers().isExternal();
  }

  /** The run's id: its directory name. */
  public String runId() {
    return runDir.getFileName().toString();
  }

  /** The task queue workflows are started on: an external fleet's (--worker-queue or the spec's), else one of this run's own. */
  public String taskQueue() {
    return workerQueue.or(() -> spec.workers().taskQueue()).orElse("load-" + runId());
  }

  /**
   * Every task queue of the run: {@link #taskQueue} alone, or its {@code workers.task_queues} suffixed queues
   * ({@code <queue>-0} ...) which the run's workers all poll. An external fleet polls its one queue.
   */
  public java.util.List<String> taskQueues() {
    return externalWorkers() ? java.util.List.of(taskQueue()) : spec.workers().taskQueueNames(taskQueue());
  }

  /** Prefix of the measured workflows' ids (the visibility check counts by it). */
  public String idPrefix() {
    return runId() + "-wf-";
  }

  /** Prefix of the warm-up workflows' ids. */
  public String warmUpPrefix() {
    return runId() + "-warmup-";
  }

  /** Seconds since the run was planned, for events. */
  public double secondsSinceStart(long epochMs) {
    return Math.max(0, (epochMs - startedAt.toEpochMilli()) / 1000.0);
  }

  /** The server selection {@code base} names, or the spec's own server when the selection is auto. */
  public static ServerSettings serverSelection(ServerSettings base, ScenarioSpec spec) {
    if (base.requested().equalsIgnoreCase(ServerKind.AUTO) && !spec.server().equals(ServerKind.AUTO)) {
      return base.withRequested(spec.server(), "scenario " + spec.name() + " (server)");
    }
    return base;
  }
}
