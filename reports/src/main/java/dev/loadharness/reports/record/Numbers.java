package dev.loadharness.reports.record;

import java.util.Locale;

/** The one way numbers are written into thresholds, summaries and reports. */
public final class Numbers {
  private Numbers() {}

  /** Integral values without a decimal point, others with three decimals, locale-independent. */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Compact for tables: integers with thousands separators, others with 1 to 3 decimals; a dash for none. */
  public static String compact(Double value) {
    if (value == null || value.isNaN()) {
      return "\u2013";
    }
    double v = value;
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    double abs = Math.abs(v);
    String pattern = abs >= 100 ? "%,.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, v);
  }
}
