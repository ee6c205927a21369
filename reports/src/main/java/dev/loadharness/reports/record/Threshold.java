package dev.loadharness.reports.record;

import java.util.Set;

/**
 * One evaluated threshold of a scenario.
 *
 * @param name human-readable name, e.g. {@code "poll p95 under 5 s"}
 * @param metric the metric path it reads, e.g. {@code "latency_ms.poll.p95"}
 * @param op comparison, one of {@code < <= > >= ==}
 * @param limit the bound
 * @param actual the measured value, or null when the metric was not measured (which fails)
 * @param pass whether {@code actual op limit} held
 */
public record Threshold(String name, String metric, String op, double limit, Double actual, boolean pass) {

  /** Comparison operators a threshold may use. */
  public static final Set<String> OPS = Set.of("<", "<=", ">", ">=", "==");

  /** Validates the name, metric and operator. */
  public Threshold {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("threshold name must be non-blank");
    }
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("threshold \"" + name + "\" metric must be non-blank");
    }
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException(
          "threshold \"" + name + "\" op must be one of < <= > >= ==, was \"" + op + "\"");
    }
  }

  /** Evaluates {@code actual op limit} and returns the threshold with its outcome. */
  public static Threshold evaluate(String name, String metric, String op, double limit, Double actual) {
    boolean pass = actual != null && switch (op) {
      case "<" -> actual < limit;
      case "<=" -> actual <= limit;
      case ">" -> actual > limit;
      case ">=" -> actual >= limit;
      case "==" -> actual == limit;
      default -> throw new IllegalArgumentException("threshold \"" + name + "\" op must be one of < <= > >= ==, was \""
          + op + "\"");
    };
    return new Threshold(name, metric, op, limit, actual, pass);
  }
}
