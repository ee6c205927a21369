package dev.loadharness.runtime.metrics;

import dev.loadharness.runtime.config.ConfigException;
import dev.loadharness.runtime.config.MetricsConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;

/**
 * The opt-in OTLP exporter: a Micrometer OTLP registry pushing every metrics interval over HTTP.
 *
 * <p>Why the registry is an optional dependency: micrometer-registry-otlp brings opentelemetry-proto and
 * with it protobuf-java 4.x, which would replace the Temporal SDK's protobuf 3.25.x for the whole worker
 * process. The SDK runs on 4.x (this project's tests do), but a platform team should choose that upgrade,
 * not inherit it. Only this class names the registry's types, so nothing loads them unless OTLP is asked for.
 */
final class OtlpExport {
  /** The class whose presence means the optional registry is on the classpath. */
  static final String REGISTRY_CLASS = "io.micrometer.registry.otlp.OtlpMeterRegistry";
  /** The OTLP/HTTP default of a local collector. */
  static final String DEFAULT_URL = "http://127.0.0.1:4318/v1/metrics";

  private OtlpExport() {}

  static String url(MetricsConfig config) {
    return config.otlpEndpoint().orElse(DEFAULT_URL);
  }

  /**
   * Fails with what to add when TEMPORAL_METRICS_EXPORTER asks for OTLP and {@code loader} cannot see the
   * optional registry.
   */
  static void requireAvailable(ClassLoader loader) {
    try {
      Class.forName(REGISTRY_CLASS, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ConfigException("TEMPORAL_METRICS_EXPORTER", "otlp", "only with io.micrometer:micrometer-registry-otlp "
          + "on the classpath (runtime-under-test declares it optional because it upgrades protobuf-java to 4.x; "
          + "add it to the worker's dependencies, version from the Micrometer BOM), or prometheus|jsonl|none");
    }
  }

  /** Typed as MeterRegistry so callers never make the JVM resolve the optional registry's classes. */
  static MeterRegistry registry(MetricsConfig config) {
    requireAvailable(OtlpExport.class.getClassLoader());
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
