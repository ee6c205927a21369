package dev.loadharness.reports.record;

/**
 * Resource use of the worker processes over a run (summed CPU across workers, heap and GC per worker max).
 *
 * @param workerCpuPercentAvg average process CPU of the workers, percent of one core (200 = two cores busy)
 * @param workerCpuPercentMax highest interval value of {@code workerCpuPercentAvg}'s series
 * @param heapUsedMaxBytes highest used heap seen in any worker JVM
 * @param gcPauseTotalMs total GC pause time summed over workers
 * @param gcPauseMaxMs longest single GC pause in any worker
 * @param workerCpuMsPerWorkflow process CPU the workers spent (summed) from the injection's start (the end of the
 *     spec's {@code warm_up} when it has one) to its end, per workflow completed in that window (started after the
 *     warm-up), ms; null when a worker's samples did not span the injection (records before it, external
 *     fleets)
 * @param workerJitCpuMsPerWorkflow the part of {@code workerCpuMsPerWorkflow} the workers' JIT compiler threads
 *     used: start-up, which a short run's window is full of; null where a worker could not read its threads (not
 *     Linux) or did not report them (records before it)
 */
public record Resources(
    double workerCpuPercentAvg, double workerCpuPercentMax, long heapUsedMaxBytes, double gcPauseTotalMs,
    double gcPauseMaxMs, Double workerCpuMsPerWorkflow, Double workerJitCpuMsPerWorkflow) {

  /** Validates that no value is negative. */
  public Resources {
    if (workerCpuPercentAvg < 0 || workerCpuPercentMax < 0 || heapUsedMaxBytes < 0 || gcPauseTotalMs < 0
        || gcPauseMaxMs < 0 || (workerCpuMsPerWorkflow != null && !(workerCpuMsPerWorkflow >= 0))
        || (workerJitCpuMsPerWorkflow != null && !(workerJitCpuMsPerWorkflow >= 0))) {
      throw new IllegalArgumentException("resources values must be >= 0, were " + workerCpuPercentAvg + ", "
          + workerCpuPercentMax + ", " + heapUsedMaxBytes + ", " + gcPauseTotalMs + ", " + gcPauseMaxMs + ", "
          + workerCpuMsPerWorkflow + ", " + workerJitCpuMsPerWorkflow);
    }
  }

  /** The workers' CPU per workflow without their JIT compiler threads' part; null unless both are known. */
  public Double workerCpuMsPerWorkflowWithoutJit() {
    return workerCpuMsPerWorkflow == null || workerJitCpuMsPerWorkflow == null ? null
        : Math.max(0, workerCpuMsPerWorkflow - workerJitCpuMsPerWorkflow);
  }

  /** Resources without the per-workflow CPU. */
  public Resources(double workerCpuPercentAvg, double workerCpuPercentMax, long heapUsedMaxBytes,
      double gcPauseTotalMs, double gcPauseMaxMs) {
    this(workerCpuPercentAvg, workerCpuPercentMax, heapUsedMaxBytes, gcPauseTotalMs, gcPauseMaxMs, null, null);
  }
}
