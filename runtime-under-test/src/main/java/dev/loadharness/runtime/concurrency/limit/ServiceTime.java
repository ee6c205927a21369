package dev.loadharness.runtime.concurrency.limit;

/**
 * Tasks of one type completed in a control interval, their mean service time and, where it could be
 * measured, the mean CPU time they consumed.
 *
 * @param completed tasks completed (success samples), at least 1
 * @param meanMillis mean markSlotUsed-to-release time of those tasks, &gt;= 0
 * @param meanCpuMillis mean CPU time of the task's own thread between markSlotUsed and release, &gt;= 0,
 *     or NaN when unknown (the task ran on other threads, or thread CPU time is not supported)
 */
public record ServiceTime(long completed, double meanMillis, double meanCpuMillis) {

  public ServiceTime {
    if (completed < 1 || !(meanMillis >= 0) || meanCpuMillis < 0) {
      throw new IllegalArgumentException(
          "service time needs completed >= 1, meanMillis >= 0 and meanCpuMillis >= 0 or NaN, got "
              + completed + ", " + meanMillis + ", " + meanCpuMillis);
    }
  }

  /** Tasks whose CPU time is unknown. */
  public ServiceTime(long completed, double meanMillis) {
    this(completed, meanMillis, Double.NaN);
  }

  /** True when the mean CPU time was measured. */
  public boolean cpuKnown() {
    return !Double.isNaN(meanCpuMillis);
  }
}
