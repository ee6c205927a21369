package dev.loadharness.gatling.scrape;

import java.util.Map;

/**
 * One sample line of a Prometheus text exposition: {@code name{labels} value}.
 *
 * @param name the sample's name (a histogram's {@code _bucket}/{@code _sum}/{@code _count} included)
 * @param labels its labels
 * @param value its value ({@code +Inf}, {@code -Inf} and {@code NaN} as the doubles)
 */
public record PromSample(String name, Map<String, String> labels, double value) {
  public PromSample {
    labels = Map.copyOf(labels);
  }

  /** The label's value, or "" when absent (as PromQL treats a missing label). */
  public String label(String key) {
    return labels.getOrDefault(key, "");
  }
}
