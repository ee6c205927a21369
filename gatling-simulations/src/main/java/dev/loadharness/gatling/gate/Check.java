package dev.loadharness.gatling.gate;

import java.util.Locale;

/**
 * One evaluated bar: a spec threshold or a built-in accounting check.
 *
 * @param actual the measured value, null when nothing was measured
 */
public record Check(String name, String metric, String op, double limit, Double actual, boolean pass, String note) {

  /** "actual vs limit" for the verdict table and the build failure message. */
  public String line() {
    String value = actual == null ? "no samples" : format(actual);
    return String.format(Locale.ROOT, "%-4s %-48s actual %-12s limit %s %s%s", pass ? "ok" : "FAIL", name, value,
        op, format(limit), note == null || note.isEmpty() ? "" : "  (" + note + ")");
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
