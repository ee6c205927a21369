package dev.loadharness.scenarios.spec;

import dev.loadharness.reports.record.Numbers;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Threshold.Op;

/** One bar of a spec: {@code metric op limit}, e.g. {@code poll_p95_ms < 5000}; evaluated into a {@link Threshold}. */
public record ThresholdSpec(Metric metric, Op op, double limit) {

  /** A stable name for reports, e.g. "poll_p95_ms < 5000". */
  public String name() {
    return metric.id() + " " + op.symbol() + " " + Numbers.format(limit);
  }

  /** The bar judged against {@code actual}; no measurement (null) fails. */
  public Threshold evaluate(Double actual) {
    return Threshold.evaluate(name(), metric.id(), op, limit, actual, actual == null ? "nothing measured" : "");
  }
}
