package dev.loadharness.scenarios.worker;

import java.nio.file.Path;

/**
 * The files of one worker process inside its directory ({@code <run>/workers/<id>/}): the only place their
 * names are spelled. Writers and readers of each file take the path from here.
 *
 * @param dir the worker's directory
 */
public record WorkerFiles(Path dir) {
  /** The worker's directory under a run directory. */
  public static WorkerFiles of(Path runDir, String workerId) {
    return new WorkerFiles(runDir.resolve("workers").resolve(workerId));
  }

  /** Written once the worker polls; holds its pid. */
  public Path ready() {
    return dir.resolve("ready");
  }

  /** The worker JVM's stdout and stderr. */
  public Path log() {
    return dir.resolve("worker.log");
  }

  /** The logback configuration the worker JVM is started with. */
  public Path logbackConfig() {
    return dir.resolve("logback.xml");
  }

  /** Cumulative totals ({@link WorkerMetricsSnapshot}), rewritten every second. */
  public Path snapshot() {
    return dir.resolve("metrics.json");
  }

  /** HdrHistogram interval log, one tagged histogram per metric per second ({@link IntervalFiles}). */
  public Path intervals() {
    return dir.resolve("intervals.hlog");
  }

  /** One JSON line per second: counters, gauges, process CPU and heap ({@link IntervalFiles}). */
  public Path samples() {
    return dir.resolve("metrics.jsonl");
  }

  /** The worker's directory name, e.g. {@code worker-1}. */
  public String workerId() {
    return dir.getFileName().toString();
  }

  /** A path relative to the run directory, for the run record's artifacts. */
  public String relative(Path file) {
    return "workers/" + workerId() + "/" + file.getFileName();
  }
}
