package dev.loadharness.runtime.concurrency.limit;

import java.util.Map;

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
 * @param serviceByType the interval's completions and mean service time per task type (workflow or
 *     activity type): the limit compares each type with its own baseline, so a shift in the mix toward
 *     slower types does not read as queueing
 * @param workflowTasksStarving for an activity pool: the same worker's workflow-task limit reported
 *     {@link VegasConcurrencyLimit#starving()} in its step of this interval (workflow tasks wait on the
 *     server while their service time reads as queueing); always false for the workflow pool itself
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
    double heapUsedFraction,
    Map<String, ServiceTime> serviceByType,
    boolean workflowTasksStarving) {

  public Observation {
    serviceByType = Map.copyOf(serviceByType);
    if (limit < 1 || peakInUse < 0 || waiting < 0 || completed < 0 || drops < 0) {
      throw new IllegalArgumentException(
          "observation counts out of range: limit=" + limit + " peakInUse=" + peakInUse
              + " waiting=" + waiting + " completed=" + completed + " drops=" + drops);
    }
  }

  /** An observation in which the workflow-task pool is not starving (its own, or none is adapted). */
  public Observation(int limit, int peakInUse, int waiting, long completed, double meanServiceMillis, long drops,
      double scheduleToStartP95Millis, double pollLatencyP95Millis, double processCpuLoad, double heapUsedFraction,
      Map<String, ServiceTime> serviceByType) {
    this(limit, peakInUse, waiting, completed, meanServiceMillis, drops, scheduleToStartP95Millis,
        pollLatencyP95Millis, processCpuLoad, heapUsedFraction, serviceByType, false);
  }

  /** An observation of one task type (the simulator's and most tests' case). */
  public Observation(int limit, int peakInUse, int waiting, long completed, double meanServiceMillis, long drops,
      double scheduleToStartP95Millis, double pollLatencyP95Millis, double processCpuLoad, double heapUsedFraction) {
    this(limit, peakInUse, waiting, completed, meanServiceMillis, drops, scheduleToStartP95Millis,
        pollLatencyP95Millis, processCpuLoad, heapUsedFraction,
        completed > 0 && meanServiceMillis >= 0 ? Map.of("", new ServiceTime(completed, meanServiceMillis)) : Map.of());
  }
}
