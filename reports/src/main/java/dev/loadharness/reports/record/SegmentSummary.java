package dev.loadharness.reports.record;

/**
 * One segment of a distributed run (its load split over several drivers): who ran it, how many attempts it
 * took and what it counted. The run's {@code load} is the sum of its segments.
 *
 * @param id the segment, e.g. {@code segment-1}
 * @param attempts attempts of the segment (above 1: its first driver stopped and another took it over)
 * @param driver the driver whose attempt counted
 * @param started workflows started (or attached to) by that attempt
 * @param completed workflows completed
 * @param failed workflows failed
 * @param timedOut workflows timed out
 * @param unaccounted started workflows without an outcome
 * @param attached workflows an earlier attempt had started, attached to and counted once
 * @param durationS the counting attempt's first start to its last outcome, seconds (0 in records before it was kept)
 * @param throughputWps completed workflows per second over {@code durationS}
 */
public record SegmentSummary(String id, int attempts, String driver, long started, long completed, long failed,
    long timedOut, long unaccounted, long attached, double durationS, double throughputWps) {

  /** Validates the id, the attempts, the counts, the duration and the throughput. */
  public SegmentSummary {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("segments[].id must be non-blank");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("segments[" + id + "].attempts must be >= 1, was " + attempts);
    }
    if (started < 0 || completed < 0 || failed < 0 || timedOut < 0 || unaccounted < 0 || attached < 0) {
      throw new IllegalArgumentException("segments[" + id + "] counts must be >= 0");
    }
    if (!(durationS >= 0) || !(throughputWps >= 0)) {
      throw new IllegalArgumentException("segments[" + id + "].duration_s and .throughput_wps must be >= 0, were "
          + durationS + " and " + throughputWps);
    }
  }

  /** A segment whose throughput is its completed workflows divided by its duration (0 when that is 0). */
  public static SegmentSummary of(String id, int attempts, String driver, long started, long completed, long failed,
      long timedOut, long unaccounted, long attached, double durationS) {
    return new SegmentSummary(id, attempts, driver, started, completed, failed, timedOut, unaccounted, attached,
        durationS, durationS > 0 ? completed / durationS : 0.0);
  }

  /** True when the segment needed more than one attempt (its first driver stopped and another took it over). */
  public boolean retried() {
    return attempts > 1;
  }
}
