package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.runtime.config.ConfigException;

import com.sun.net.httpserver.HttpServer;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** OTLP export pushes the runtime's metrics to an OTLP/HTTP endpoint (a local capturing server). */
class OtlpExportTest {

  @Test
  void pushesRecordedMetricsToTheEndpoint() throws Exception {
    CopyOnWriteArrayList<byte[]> bodies = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/metrics", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        bodies.add(out.toByteArray());
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    try {
      // One step longer than the test: the push at close (Micrometer's closing rollover) carries everything,
      // where a 200 ms step flaked on a busy machine when a scheduled push straddled a step boundary.
      MetricsConfig config = new MetricsConfig(Set.of(MetricsExporter.OTLP), Optional.empty(), 0,
          Duration.ofSeconds(60), Optional.of("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics"));
      RuntimeMetrics metrics = new RuntimeMetrics(config, "otlp-test");
      metrics.exact().recordMillis(new SeriesKey(MetricNames.POLL_LATENCY_MS, Map.of("poller_type", "activity_task")), 12.5);
      metrics.exact().increment(SeriesKey.of(MetricNames.SDK_STICKY_HIT), 3);
      metrics.close();
      String all = bodies.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).reduce("", String::concat);
      assertThat(bodies).isNotEmpty();
      assertThat(all).contains(MetricNames.POLL_LATENCY_MS).contains(MetricNames.SDK_STICKY_HIT);
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void withoutTheOptionalRegistryOtlpFailsNamingTheVariableAndTheDependency() {
    // A loader that sees only the JDK stands in for a worker built without micrometer-registry-otlp.
    ClassLoader jdkOnly = new ClassLoader(null) {};

    assertThatThrownBy(() -> OtlpExport.requireAvailable(jdkOnly))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("TEMPORAL_METRICS_EXPORTER: got 'otlp', allowed only with "
            + "io.micrometer:micrometer-registry-otlp on the classpath");
    OtlpExport.requireAvailable(OtlpExportTest.class.getClassLoader());
  }
}
