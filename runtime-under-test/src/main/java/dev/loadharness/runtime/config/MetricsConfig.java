package dev.loadharness.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Metrics export.
 *
 * @param exporters TEMPORAL_METRICS_EXPORTER
 * @param directory TEMPORAL_METRICS_DIR: where the jsonl exporter writes (required for it)
 * @param port TEMPORAL_METRICS_PORT: Prometheus endpoint port (0 picks a free one)
 * @param interval TEMPORAL_METRICS_INTERVAL_MS: length of one histogram/JSONL interval
 * @param otlpEndpoint TEMPORAL_OTLP_ENDPOINT, e.g. http://127.0.0.1:4318/v1/metrics
 * @param host TEMPORAL_METRICS_HOST: the address the Prometheus endpoint binds (127.0.0.1; 0.0.0.0 in a pod)
 */
public record MetricsConfig(
    Set<MetricsExporter> exporters, Optional<Path> directory, int port, Duration interval, Optional<String> otlpEndpoint,
    String host) {
  /** The address the Prometheus endpoint binds unless TEMPORAL_METRICS_HOST says otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Metrics export with the Prometheus endpoint on loopback. */
  public MetricsConfig(Set<MetricsExporter> exporters, Optional<Path> directory, int port, Duration interval,
      Optional<String> otlpEndpoint) {
    this(exporters, directory, port, interval, otlpEndpoint, LOOPBACK);
  }

  public MetricsConfig {
    if (host == null || host.isBlank()) {
      throw new ConfigException("TEMPORAL_METRICS_HOST", String.valueOf(host), "an address to bind, e.g. 127.0.0.1 or 0.0.0.0");
    }
    exporters = Set.copyOf(exporters);
    if (exporters.isEmpty()) {
      throw new ConfigException("TEMPORAL_METRICS_EXPORTER", "", "a comma-separated list of prometheus|otlp|jsonl|none");
    }
    if (exporters.contains(MetricsExporter.JSONL) && directory.isEmpty()) {
      throw new ConfigException("TEMPORAL_METRICS_EXPORTER=jsonl needs TEMPORAL_METRICS_DIR (a writable directory)");
    }
    Check.range("TEMPORAL_METRICS_PORT", port, 0, 65535);
    Check.millis("TEMPORAL_METRICS_INTERVAL_MS", interval, 100, Duration.ofMinutes(10).toMillis());
  }

  /** Prometheus only, on a free port, 10 s intervals. */
  public static MetricsConfig defaults() {
    return new MetricsConfig(Set.of(MetricsExporter.PROMETHEUS), Optional.empty(), 0, Duration.ofSeconds(10), Optional.empty());
  }

  /** True when {@code exporter} is on. */
  public boolean exports(MetricsExporter exporter) {
    return exporters.contains(exporter);
  }
}
