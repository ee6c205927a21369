package dev.loadharness.runtime.concurrency.limit;

/**
 * Tasks of one type completed in a control interval and their mean service time.
 *
 * @param completed tasks completed (success samples), at least 1
 * @param meanMillis mean markSlotUsed-to-release time of those tasks, &gt;= 0
 */
public record ServiceTime(long completed, double meanMillis) {

  public ServiceTime {
    if (completed < 1 || !(meanMillis >= 0)) {
      throw new IllegalArgumentException(
          "service time needs completed >= 1 and meanMillis >= 0, got " + completed + ", " + meanMillis);
    }
  }
}
