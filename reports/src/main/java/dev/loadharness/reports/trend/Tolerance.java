package dev.loadharness.reports.trend;

/**
 * How far a metric may move against its baseline before it counts as a regression.
 *
 * <p>The allowed move is the baseline's own noise ({@code k} MADs), but never less than the smallest
 * effect worth a person's time ({@code minRelative} of the median, and {@code absoluteFloor} in the
 * metric's unit) and never more than the effect the trend promises to catch ({@code maxRelative} of the
 * median). Without the cap a noisy or mixed history widens the band until nothing short of a collapse is
 * flagged; with it, a move of more than {@code maxRelative} is always flagged, and when the history's
 * noise is larger than the cap the finding says so ({@link Finding#capped()}): on such a history even like
 * runs may cross the band, and the fix is a quieter machine or a narrower key, not a wider band.
 *
 * @param absoluteFloor smallest move in the metric's unit that can count (a 0.2 ms wobble of a 1 ms value)
 * @param minRelative smallest move relative to the median that can count (0.10 = 10%)
 * @param maxRelative largest band relative to the median; {@code Double.POSITIVE_INFINITY} for no cap
 */
public record Tolerance(double absoluteFloor, double minRelative, double maxRelative) {

  /** Validates that the parts are non-negative and the cap is not below the minimum. */
  public Tolerance {
    if (!(absoluteFloor >= 0) || !(minRelative >= 0) || !(maxRelative >= minRelative)) {
      throw new IllegalArgumentException("tolerance needs absoluteFloor >= 0 and 0 <= minRelative <= maxRelative, were "
          + absoluteFloor + ", " + minRelative + ", " + maxRelative);
    }
  }

  /** Allowed move for a baseline with {@code median} and a noise estimate of {@code noise} (k MADs). */
  public double allowed(double median, double noise) {
    double relative = Math.min(Math.max(noise, minRelative * Math.abs(median)), cap(median));
    return Math.max(relative, absoluteFloor);
  }

  /** Whether {@code noise} (k MADs) exceeded the cap, so the band was narrowed to the promised effect. */
  public boolean caps(double median, double noise) {
    double cap = cap(median);
    return noise > cap && cap > absoluteFloor;
  }

  private double cap(double median) {
    return Double.isInfinite(maxRelative) ? Double.POSITIVE_INFINITY : maxRelative * Math.abs(median);
  }
}
