package dev.loadharness.runtime.concurrency.permits;

import dev.loadharness.runtime.concurrency.limit.ServiceTime;
import java.util.Map;

/**
 * One control interval of a slot supplier's own measurements.
 *
 * @param completed tasks released as complete in the interval (success samples)
 * @param meanServiceMillis mean time from markSlotUsed to release of those tasks, NaN if none
 * @param drops used slots released with an error in the interval
 * @param peakInUse the most slots processing a task at once during the interval
 * @param byType completions and mean service time per task type
 */
public record SlotUsage(long completed, double meanServiceMillis, long drops, int peakInUse,
    Map<String, ServiceTime> byType) {

  public SlotUsage {
    byType = Map.copyOf(byType);
    if (completed < 0 || drops < 0 || peakInUse < 0) {
      throw new IllegalArgumentException(
          "slot usage counts must be >= 0, got completed=" + completed + " drops=" + drops
              + " peakInUse=" + peakInUse);
    }
  }
}
