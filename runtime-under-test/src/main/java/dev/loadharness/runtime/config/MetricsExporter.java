package dev.loadharness.runtime.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where metrics go (TEMPORAL_METRICS_EXPORTER, a comma-separated list). */
public enum MetricsExporter {
  /** A Prometheus scrape endpoint on TEMPORAL_METRICS_PORT. */
  PROMETHEUS,
  /** OTLP/HTTP push to TEMPORAL_OTLP_ENDPOINT (default http://127.0.0.1:4318/v1/metrics). */
  OTLP,
  /** HdrHistogram interval log plus JSONL counters/gauges in TEMPORAL_METRICS_DIR. */
  JSONL,
  /** Nothing leaves the process; samples are still captured for the controller. */
  NONE;

  /** Parses a comma-separated list; {@code none} cannot be combined with anything. */
  public static Set<MetricsExporter> parseList(String variable, String value) {
    Set<MetricsExporter> result = EnumSet.noneOf(MetricsExporter.class);
    for (String part : value.split(",")) {
      String id = part.trim().toUpperCase(Locale.ROOT);
      try {
        result.add(MetricsExporter.valueOf(id));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(variable, value, "a comma-separated list of "
            + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|")));
      }
    }
    if (result.contains(NONE) && result.size() > 1) {
      throw new ConfigException(variable, value, "'none' alone, or any of prometheus|otlp|jsonl");
    }
    return result;
  }
}
