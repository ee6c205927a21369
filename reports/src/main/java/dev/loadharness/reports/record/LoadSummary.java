package dev.loadharness.reports.record;

/**
 * Outcome counts of the workflows a run started, and the resulting throughput.
 *
 * @param started workflows whose start call returned
 * @param completed workflows whose successful result was observed
 * @param failed workflows that ended in failure
 * @param timedOut workflows that hit a timeout (ScheduleToClose, run or execution timeout)
 * @param unaccounted started workflows with no observed outcome at the end of the run (must be 0)
 * @param durationS measured duration of the load phase in seconds
 * @param throughputWps completed workflows per second over {@code durationS}
 */
public record LoadSummary(
    long started, long completed, long failed, long timedOut, long unaccounted, double durationS,
    double throughputWps) {

  /** Validates that counts and duration are not negative. */
  public LoadSummary {
    requireNonNegative("load.started", started);
    requireNonNegative("load.completed", completed);
    requireNonNegative("load.failed", failed);
    requireNonNegative("load.timed_out", timedOut);
    requireNonNegative("load.unaccounted", unaccounted);
    if (durationS < 0 || Double.isNaN(durationS)) {
      throw new IllegalArgumentException("load.duration_s must be >= 0, was " + durationS);
    }
    if (throughputWps < 0 || Double.isNaN(throughputWps)) {
      throw new IllegalArgumentException("load.throughput_wps must be >= 0, was " + throughputWps);
    }
  }

  /** Builds a summary whose throughput is completed workflows divided by the duration. */
  public static LoadSummary of(
      long started, long completed, long failed, long timedOut, long unaccounted, double durationS) {
    double throughput = durationS > 0 ? completed / durationS : 0.0;
    return new LoadSummary(started, completed, failed, timedOut, unaccounted, durationS, throughput);
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
