package dev.loadharness.gatling.capacity;

import dev.loadharness.reports.record.Threshold.Op;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --slo metric<limit} arguments into the spec's own threshold model. */
public final class Slos {
  private static final Pattern SLO = Pattern.compile("\\s*([a-z0-9_]+)\\s*(<=|>=|==|<|>)\\s*(\\S+)\\s*");

  private Slos() {}

  /**
   * Each argument as a bar, e.g. {@code end_to_end_p95_ms<2000}.
   *
   * @throws IllegalArgumentException a one-line message naming the argument, the bad part and what is allowed
   */
  public static List<ThresholdSpec> parse(List<String> args) {
    List<ThresholdSpec> out = new ArrayList<>();
    for (String arg : args) {
      Matcher m = SLO.matcher(arg);
      if (!m.matches()) {
        throw new IllegalArgumentException("--slo \"" + arg + "\": expected metric<limit (operators " + Op.known()
            + "), e.g. end_to_end_p95_ms<2000");
      }
      Metric metric = Metric.of(m.group(1)).orElseThrow(() -> new IllegalArgumentException("--slo \"" + arg
          + "\": unknown metric \"" + m.group(1) + "\"; known: " + Metric.known()));
      double limit;
      try {
        limit = Double.parseDouble(m.group(3));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--slo \"" + arg + "\": limit \"" + m.group(3) + "\" is not a number");
      }
      if (!Double.isFinite(limit)) {
        throw new IllegalArgumentException("--slo \"" + arg + "\": limit must be finite, got " + m.group(3));
      }
      ThresholdSpec slo = new ThresholdSpec(metric, Op.of(m.group(2)).orElseThrow(), limit);
      if (out.stream().anyMatch(s -> s.metric() == metric)) {
        throw new IllegalArgumentException("--slo " + metric.id() + " is given twice");
      }
      out.add(slo);
    }
    return List.copyOf(out);
  }
}
