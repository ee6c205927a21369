package dev.loadharness.reports.record;

/**
 * Resource use of the worker processes over a run (summed CPU across workers, heap and GC per worker max).
 *
 * @param workerCpuPercentAvg average process CPU of the workers, percent of one core (200 = two cores busy)
 * @param workerCpuPercentMax highest interval value of {@code workerCpuPercentAvg}'s series
 * @param heapUsedMaxBytes highest used heap seen in any worker JVM
 * @param gcPauseTotalMs total GC pause time summed over workers
 * @param gcPauseMaxMs longest single GC pause in any worker
 */
public record Resources(
    double workerCpuPercentAvg, double workerCpuPercentMax, long heapUsedMaxBytes, double gcPauseTotalMs,
    double gcPauseMaxMs) {

  /** Validates that no value is negative. */
  public Resources {
    if (workerCpuPercentAvg < 0 || workerCpuPercentMax < 0 || heapUsedMaxBytes < 0 || gcPauseTotalMs < 0
        || gcPauseMaxMs < 0) {
      throw new IllegalArgumentException("resources values must be >= 0, were " + workerCpuPercentAvg + ", "
          + workerCpuPercentMax + ", " + heapUsedMaxBytes + ", " + gcPauseTotalMs + ", " + gcPauseMaxMs);
    }
  }
}
