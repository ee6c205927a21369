package dev.loadharness.gatling.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What one segment of a distributed run measured, as a driver returns it to the coordinator (a Temporal
 * activity result, so plain values): exact counts, the encoded HdrHistograms, the per-tick series with
 * wall-clock times, the driver's CPU and the events, all in wall-clock epoch ms so segments from different
 * machines line up. {@link SegmentMerge} adds segments into one injection result.
 *
 * @param index the segment, 0-based
 * @param count how many segments the run has
 * @param attempt which attempt of the segment's activity produced this (1 when it was never retried)
 * @param driver the driver that ran it (its id, host and pid)
 * @param started workflows started (or attached to) by this attempt
 * @param completed workflows whose result was seen
 * @param failed workflows that failed
 * @param timedOut workflows whose result was not seen within the time budget
 * @param attached started workflows an earlier attempt had started, awaited and counted once here
 * @param ledgerStartWallMs when the segment's ledger started (the origin of its series)
 * @param firstStartWallMs when its first start was requested
 * @param lastOutcomeWallMs when its last outcome was seen (its first start when none was)
 * @param startHistogram start latencies, microseconds, base64 compressed HdrHistogram
 * @param endToEndHistogram end-to-end latencies, microseconds, base64 compressed HdrHistogram
 * @param failures failed workflows by cause
 * @param ticks the segment's series
 * @param cpuMs CPU the driver JVM spent in the injection
 * @param wallMs wall time of the injection
 * @param cpus processors of the driver JVM
 * @param events what happened in the segment (server lost, a signal), wall-clock times
 * @param aborted why the segment stopped early, null when it ran to its end
 * @param previousAttempt what the previous attempt had reported in its last heartbeat, null on attempt 1
 */
public record SegmentResult(int index, int count, int attempt, String driver, long started, long completed,
    long failed, long timedOut, long attached, long ledgerStartWallMs, long firstStartWallMs,
    long lastOutcomeWallMs, String startHistogram, String endToEndHistogram, Map<String, Long> failures,
    List<Tick> ticks, double cpuMs, double wallMs, int cpus, List<Event> events, String aborted,
    String previousAttempt) {

  /** Validates the counts (every started workflow has at most one outcome) and freezes the collections. */
  public SegmentResult {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("segment index " + index + " of " + count + " is not a segment");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("segment attempt must be >= 1, was " + attempt);
    }
    if (started < 0 || completed < 0 || failed < 0 || timedOut < 0 || attached < 0
        || completed + failed + timedOut > started || attached > started) {
      throw new IllegalArgumentException("segment-" + (index + 1) + " counts are inconsistent: started " + started
          + ", completed " + completed + ", failed " + failed + ", timed out " + timedOut + ", attached " + attached);
    }
    failures = failures == null ? Map.of() : Map.copyOf(failures);
    ticks = ticks == null ? List.of() : List.copyOf(ticks);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** Started workflows with no outcome. */
  public long unaccounted() {
    return started - completed - failed - timedOut;
  }

  /** The segment's name: {@code segment-1} for index 0. */
  public String id() {
    return "segment-" + (index + 1);
  }

  /**
   * One tick of a segment's series.
   *
   * @param wallMs when it was taken, epoch ms
   * @param completed completed workflows so far (cumulative)
   * @param inFlight workflows started and not ended
   * @param endToEndP95Ms end-to-end p95 of the workflows that ended since the previous tick, null if none did
   * @param backlog the task queue's backlog the server reported, null where it did not answer
   */
  public record Tick(long wallMs, long completed, long inFlight, Double endToEndP95Ms, Double backlog) {}

  /**
   * An event of the segment.
   *
   * @param wallMs when, epoch ms
   * @param kind as {@code RunEvent.kind}
   * @param detail one line
   */
  public record Event(long wallMs, String kind, String detail) {}
}
