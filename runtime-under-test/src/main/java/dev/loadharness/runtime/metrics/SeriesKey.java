package dev.loadharness.runtime.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One time series: a metric name and its tags (kept sorted, so equal tag sets are equal keys).
 *
 * @param name metric name, e.g. temporal_activity_schedule_to_start_latency
 * @param tags tag name to value
 */
public record SeriesKey(String name, Map<String, String> tags) {

  public SeriesKey {
    tags = Map.copyOf(tags);
  }

  /** A key with no tags. */
  public static SeriesKey of(String name) {
    return new SeriesKey(name, Map.of());
  }

  /** The value of a tag, or null. */
  public String tag(String tagName) {
    return tags.get(tagName);
  }

  /** A stable, comma- and space-free label, {@code name|k=v|k=v}, usable as an HdrHistogram log tag. */
  public String label() {
    if (tags.isEmpty()) {
      return name;
    }
    return name + "|" + new TreeMap<>(tags).entrySet().stream()
        .map(e -> clean(e.getKey()) + "=" + clean(e.getValue()))
        .collect(Collectors.joining("|"));
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[,\\s|]", "_");
  }
}
