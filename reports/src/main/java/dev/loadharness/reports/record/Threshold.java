package dev.loadharness.reports.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One bar and its outcome: {@code metric op limit}, evaluated against what a run measured. This is the
 * only threshold model: scenario specs parse into {@link Op} and the gate evaluates with {@link #evaluate}.
 *
 * @param name human-readable name, e.g. {@code "poll_p95_ms < 5000"}
 * @param metric the metric id it reads, e.g. {@code "poll_p95_ms"}
 * @param op comparison, one of {@code < <= > >= ==}
 * @param limit the bound
 * @param actual the measured value, or null when the metric was not measured (which fails)
 * @param pass whether {@code actual op limit} held
 * @param note why the bar exists or how the actual was obtained; may be null
 */
public record Threshold(String name, String metric, String op, double limit, Double actual, boolean pass,
    String note) {

  /** Validates the name, metric and operator. */
  public Threshold {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("threshold name must be non-blank");
    }
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("threshold \"" + name + "\" metric must be non-blank");
    }
    if (Op.of(op).isEmpty()) {
      throw new IllegalArgumentException(
          "threshold \"" + name + "\" op must be one of " + Op.known() + ", was \"" + op + "\"");
    }
    note = note == null ? "" : note;
  }

  /** A threshold without a note. */
  public Threshold(String name, String metric, String op, double limit, Double actual, boolean pass) {
    this(name, metric, op, limit, actual, pass, "");
  }

  /** Evaluates {@code actual op limit}; no measurement ({@code actual} null) fails. */
  public static Threshold evaluate(String name, String metric, Op op, double limit, Double actual, String note) {
    return new Threshold(name, metric, op.symbol(), limit, actual, actual != null && op.test(actual, limit), note);
  }

  /** "actual vs limit", one line, for the console and summary.md. */
  public String line() {
    String value = actual == null ? "no samples" : Numbers.format(actual);
    return String.format(Locale.ROOT, "%-4s %-48s actual %-12s limit %s %s%s", pass ? "ok" : "FAIL", name, value,
        op, Numbers.format(limit), note.isEmpty() ? "" : "  (" + note + ")");
  }

  /** The comparisons a threshold may use, spelled as in spec files and run records. */
  public enum Op {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("==");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The symbol, e.g. {@code <=}. */
    public String symbol() {
      return symbol;
    }

    /** Whether {@code actual op limit} holds. */
    public boolean test(double actual, double limit) {
      return switch (this) {
        case LT -> actual < limit;
        case LE -> actual <= limit;
        case GT -> actual > limit;
        case GE -> actual >= limit;
        case EQ -> actual == limit;
      };
    }

    /** The operator spelled {@code symbol}, if any. */
    public static Optional<Op> of(String symbol) {
      return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }

    /** Every symbol, space-separated, for error messages. */
    public static String known() {
      return Arrays.stream(values()).map(Op::symbol).collect(Collectors.joining(" "));
    }
  }
}
