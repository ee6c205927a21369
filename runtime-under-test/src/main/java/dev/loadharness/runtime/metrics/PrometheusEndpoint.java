package dev.loadharness.runtime.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** Serves {@code /metrics} in the Prometheus text format from a JDK HttpServer on 127.0.0.1. */
public final class PrometheusEndpoint implements AutoCloseable {
  private final HttpServer server;

  /** Binds {@code port} on loopback (0 picks a free port) and starts serving {@code registry}. */
  public PrometheusEndpoint(PrometheusMeterRegistry registry, int port) {
    this(registry, InetAddress.getLoopbackAddress().getHostAddress(), port);
  }

  /**
   * Binds {@code host:port} ({@code 0.0.0.0} in a pod, so Prometheus can scrape it; 0 picks a free port) and
   * starts serving {@code registry}.
   */
  public PrometheusEndpoint(PrometheusMeterRegistry registry, String host, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("TEMPORAL_METRICS_PORT: cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "prometheus-endpoint");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
