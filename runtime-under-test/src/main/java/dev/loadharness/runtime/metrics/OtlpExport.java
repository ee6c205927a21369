package dev.loadharness.runtime.metrics;

import dev.loadharness.runtime.config.MetricsConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;

/** The opt-in OTLP exporter: a Micrometer OTLP registry pushing every metrics interval over HTTP. */
final class OtlpExport {
  /** The OTLP/HTTP default of a local collector. */
  static final String DEFAULT_URL = "http://127.0.0.1:4318/v1/metrics";

  private OtlpExport() {}

  static String url(MetricsConfig config) {
    return config.otlpEndpoint().orElse(DEFAULT_URL);
  }

  static OtlpMeterRegistry registry(MetricsConfig config) {
    String url = url(config);
    String step = config.interval().toMillis() + "ms";
    OtlpConfig otlp = key -> switch (key) {
      case "otlp.url" -> url;
      case "otlp.step" -> step;
      case "otlp.resourceAttributes" -> "service.name=temporal-load-harness-worker";
      default -> null;
    };
    return new OtlpMeterRegistry(otlp, Clock.SYSTEM);
  }
}
