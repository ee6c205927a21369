package dev.loadharness.runtime.concurrency;

/**
 * What the concurrency controller reads each interval, besides what its own slot suppliers know
 * (slots in use, reservations waiting). Implemented from the runtime's exact metrics.
 */
@FunctionalInterface
public interface LoadSignals {

  /** The latest window's signals for one slot kind; any unknown value is {@code NaN}. */
  Sample sample(SlotKind kind);

  /**
   * One window of signals.
   *
   * @param scheduleToStartP95Millis p95 of the task schedule-to-start latency of this slot kind
   * @param pollLatencyP95Millis p95 latency of successful polls for this slot kind
   * @param processCpuLoad this JVM's CPU use, 0..1 of all cores
   * @param heapUsedFraction used heap / max heap, 0..1
   */
  record Sample(
      double scheduleToStartP95Millis,
      double pollLatencyP95Millis,
      double processCpuLoad,
      double heapUsedFraction) {

    /** A sample in which nothing is known. */
    public static Sample unknown() {
      return new Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
  }
}
