package dev.loadharness.reports.record;

/**
 * Sticky workflow-task cache efficiency of the worker fleet over a run.
 *
 * @param hits workflow tasks served from a cached workflow execution
 * @param misses workflow tasks that needed a full history replay
 * @param ratio {@code hits / (hits + misses)}, 0 when no task was observed
 */
public record StickyCache(long hits, long misses, double ratio) {

  /** Validates counts and that the ratio lies in [0, 1]. */
  public StickyCache {
    if (hits < 0 || misses < 0) {
      throw new IllegalArgumentException("sticky.hits and sticky.misses must be >= 0, were " + hits + ", " + misses);
    }
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("sticky.ratio must be in [0, 1], was " + ratio);
    }
  }

  /** Builds the summary from counts, computing the ratio. */
  public static StickyCache of(long hits, long misses) {
    long total = hits + misses;
    return new StickyCache(hits, misses, total == 0 ? 0.0 : (double) hits / total);
  }
}
