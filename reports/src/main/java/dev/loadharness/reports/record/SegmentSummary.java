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
 */
public record SegmentSummary(String id, int attempts, String driver, long started, long completed, long failed,
    long timedOut, long unaccounted, long attached) {

  /** Validates the id, the attempts and the counts. */
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
  }
}
