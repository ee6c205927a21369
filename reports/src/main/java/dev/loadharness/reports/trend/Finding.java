package dev.loadharness.reports.trend;

import java.util.Locale;

/**
 * The judgement of one metric of a new run against its baseline.
 *
 * @param metric metric name
 * @param direction which way is better
 * @param current the new value
 * @param baselineMedian median of the baseline values (NaN without enough history)
 * @param mad median absolute deviation of the baseline values
 * @param allowed the largest tolerated move in the bad direction: k MAD clamped by the metric's {@link Tolerance}
 * @param historySize how many baseline values were used
 * @param capped whether the baseline's noise exceeded the metric's cap, so the band was narrowed to it
 * @param status the verdict
 */
public record Finding(
    String metric, Direction direction, double current, double baselineMedian, double mad, double allowed,
    int historySize, boolean capped, Status status) {

  /** Outcome of a comparison. */
  public enum Status {
    /** Worse than the baseline by more than allowed. */
    REGRESSED,
    /** Better than the baseline by more than allowed. */
    IMPROVED,
    /** Within the allowed band. */
    WITHIN_NOISE,
    /** Too few comparable runs to judge. */
    INSUFFICIENT_HISTORY
  }

  /** Whether this is a regression. */
  public boolean regressed() {
    return status == Status.REGRESSED;
  }

  /** Change relative to the baseline median in percent (signed, NaN without baseline or with a zero median). */
  public double changePercent() {
    return baselineMedian == 0 || Double.isNaN(baselineMedian) ? Double.NaN
        : 100.0 * (current - baselineMedian) / Math.abs(baselineMedian);
  }

  /** One line for people, e.g. {@code end_to_end_p95_ms regressed: 1,210 vs median 850 (+42.4%, allowed ±85)}. */
  public String describe() {
    if (status == Status.INSUFFICIENT_HISTORY) {
      return String.format(Locale.ROOT, "%s: %.4g (only %d comparable earlier runs; no judgement)", metric, current,
          historySize);
    }
    String pct = Double.isNaN(changePercent()) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", changePercent());
    return String.format(Locale.ROOT, "%s %s: %.4g vs median %.4g of %d runs (%s, change %+.4g, allowed %.4g%s)",
        metric, status.name().toLowerCase(Locale.ROOT).replace('_', ' '), current, baselineMedian, historySize, pct,
        current - baselineMedian, allowed, capped ? ", capped: the like runs' own noise is larger" : "");
  }
}
