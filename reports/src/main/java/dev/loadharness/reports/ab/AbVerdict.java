package dev.loadharness.reports.ab;

import dev.loadharness.reports.ab.RatioInterval.Interval;
import dev.loadharness.reports.trend.Direction;
import java.util.Locale;

/**
 * What an interval of head/base says about one metric, against its minimum effect {@code e}: the band of
 * "no change that matters" is {@code [1 - e, 1 + e]}.
 */
public enum AbVerdict {
  /** The whole interval is beyond the minimum effect on the bad side. */
  REGRESSED,
  /** The whole interval is beyond the minimum effect on the good side. */
  IMPROVED,
  /** The whole interval lies within plus or minus the minimum effect. */
  UNCHANGED,
  /** The interval straddles a minimum-effect bound (or too few samples to say). */
  INCONCLUSIVE,
  /** Head or base did not record the metric. */
  NO_DATA;

  /** The verdict's word in outputs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Judges {@code interval} for a metric of {@code direction} with relative minimum effect {@code effect}. */
  public static AbVerdict of(Interval interval, Direction direction, double effect) {
    double up = 1 + effect;
    double down = 1 - effect;
    if (interval.low() >= down && interval.high() <= up) {
      return UNCHANGED;
    }
    boolean above = interval.low() > up;
    boolean below = interval.high() < down;
    if (!above && !below) {
      return INCONCLUSIVE;
    }
    boolean worse = direction == Direction.LOWER_IS_BETTER ? above : below;
    return worse ? REGRESSED : IMPROVED;
  }
}
