package dev.loadharness.runtime.concurrency.limit;

/**
 * Everything one control step looks at; unknown latencies and resource readings are {@code NaN}.
 *
 * @param limit the limit currently applied
 * @param peakInUse the most slots processing a task at once during the interval
 * @param waiting reservations queued in the slot supplier at the end of the interval
 * @param completed tasks completed in the interval (success samples)
 * @param meanServiceMillis mean markSlotUsed-to-release time of those tasks
 * @param drops used slots released with an error in the interval
 * @param scheduleToStartP95Millis p95 schedule-to-start latency of this slot kind's tasks
 * @param pollLatencyP95Millis p95 latency of successful polls for this slot kind
 * @param processCpuLoad this JVM's CPU use, 0..1
 * @param heapUsedFraction used heap / max heap, 0..1
 */
public record Observation(
    int limit,
    int peakInUse,
    int waiting,
    long completed,
    double meanServiceMillis,
    long drops,
    double scheduleToStartP95Millis,
    double pollLatencyP95Millis,
    double processCpuLoad,
    double heapUsedFraction) {

  public Observation {
    if (limit < 1 || peakInUse < 0 || waiting < 0 || completed < 0 || drops < 0) {
      throw new IllegalArgumentException(
          "observation counts out of range: limit=" + limit + " peakInUse=" + peakInUse
              + " waiting=" + waiting + " completed=" + completed + " drops=" + drops);
    }
  }
}
