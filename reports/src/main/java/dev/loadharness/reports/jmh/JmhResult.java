package dev.loadharness.reports.jmh;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark result of a JMH JSON report: which method, how it was measured, with which parameters.
 *
 * @param benchmark fully qualified benchmark method
 * @param mode JMH mode: thrpt, avgt, sample, ss
 * @param threads benchmark threads
 * @param forks forks measured
 * @param jdkVersion the JDK that ran it
 * @param params {@code @Param} values, empty when none
 * @param primaryMetric the measured score
 * @param secondaryMetrics secondary metrics (GC profiler, {@code @AuxCounters}), by name
 */
public record JmhResult(
    String benchmark, String mode, int threads, int forks, String jdkVersion, Map<String, String> params,
    JmhMetric primaryMetric, Map<String, JmhMetric> secondaryMetrics) {

  /** Validates the identity and freezes the maps. */
  public JmhResult {
    if (benchmark == null || benchmark.isBlank()) {
      throw new IllegalArgumentException("JMH result benchmark must be non-blank");
    }
    if (mode == null || mode.isBlank()) {
      throw new IllegalArgumentException("JMH result " + benchmark + " mode must be non-blank");
    }
    if (primaryMetric == null) {
      throw new IllegalArgumentException("JMH result " + benchmark + " has no primaryMetric");
    }
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    secondaryMetrics = secondaryMetrics == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(secondaryMetrics));
    jdkVersion = jdkVersion == null ? "unknown" : jdkVersion;
  }

  /** A stable key: the benchmark, its mode and its parameters, e.g. {@code Foo.bar(thrpt){size=16}}. */
  public String key() {
    String p = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
    return benchmark + "(" + mode + ")" + (params.isEmpty() ? "" : p);
  }

  /** The benchmark's simple name: class and method without the package. */
  public String shortName() {
    int method = benchmark.lastIndexOf('.');
    int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
    return benchmark.substring(type + 1);
  }
}
