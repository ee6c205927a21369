package dev.loadharness.scenarios.spec;

import java.util.Locale;

/** One bar: {@code metric op limit}, e.g. {@code poll_p95_ms < 5000}. */
public record ThresholdSpec(Metric metric, Op op, double limit) {

  /** Whether {@code actual} meets this bar. */
  public boolean passes(double actual) {
    return op.test(actual, limit);
  }

  /** A stable name for reports, e.g. "poll_p95_ms < 5000". */
  public String name() {
    return metric.id() + " " + op.symbol() + " " + format(limit);
  }

  static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value);
  }

  /** The comparisons a threshold may use. */
  public enum Op {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("==");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The symbol as written in spec files and run records. */
    public String symbol() {
      return symbol;
    }

    boolean test(double actual, double limit) {
      return switch (this) {
        case LT -> actual < limit;
        case LE -> actual <= limit;
        case GT -> actual > limit;
        case GE -> actual >= limit;
        case EQ -> actual == limit;
      };
    }
  }
}
