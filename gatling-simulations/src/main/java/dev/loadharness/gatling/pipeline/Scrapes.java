package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.scrape.FleetScrape;
import dev.loadharness.gatling.scrape.Scraper;
import dev.loadharness.gatling.scrape.ServerScrape;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus endpoints a run scrapes every second, from before warm-up to after the last result: the
 * deployed fleet's ({@code workers.metrics_urls}) and the server's (the dev server's own endpoint, or
 * {@code TEMPORAL_SERVER_METRICS_URL} for an external cluster). Measurement turns them into the record's
 * {@code worker_scrape} and {@code server_metrics} and into series columns.
 */
final class Scrapes implements AutoCloseable {
  /** Environment variable naming an external cluster's Prometheus endpoint. */
  static final String SERVER_METRICS_URL = "TEMPORAL_SERVER_METRICS_URL";
  private static final Duration EVERY = Duration.ofSeconds(1);

  private final Optional<Scraper> fleet;
  private final Optional<Scraper> server;
  private volatile long measuredFromMs;

  private Scrapes(Optional<Scraper> fleet, Optional<Scraper> server) {
    this.fleet = fleet;
    this.server = server;
    this.measuredFromMs = System.currentTimeMillis();
  }

  /** Nothing scraped. */
  static Scrapes none() {
    return new Scrapes(Optional.empty(), Optional.empty());
  }

  /**
   * Starts scraping what {@code spec} and {@code server} name.
   *
   * @throws IllegalArgumentException when {@value #SERVER_METRICS_URL} is not an http(s) URL
   */
  static Scrapes start(ScenarioSpec spec, ServerEnvironment server, Map<String, String> env, PrintStream out) {
    Optional<URI> serverUrl = server.metricsUrl().or(() -> Optional.ofNullable(env.get(SERVER_METRICS_URL))
        .filter(v -> !v.isBlank()).map(Scrapes::url));
    List<URI> fleetUrls = spec.workers().external().map(e -> e.metricsUrls()).orElse(List.of());
    serverUrl.ifPresent(u -> out.println("scraping the server's metrics at " + u + " every second"));
    if (!fleetUrls.isEmpty()) {
      out.println("scraping " + fleetUrls.size() + " worker endpoint(s) every second: " + fleetUrls);
    }
    return new Scrapes(
        fleetUrls.isEmpty() ? Optional.empty() : Optional.of(new Scraper(fleetUrls, FleetScrape.KEEP, EVERY)),
        serverUrl.map(u -> new Scraper(List.of(u), ServerScrape.KEEP, EVERY)));
  }

  private static URI url(String value) {
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(value, "not http(s) with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(SERVER_METRICS_URL + "=" + value + ": not an http(s)://host:port/metrics URL");
    }
  }

  /** Marks the start of the measured window (after warm-up): figures are differences from the scrape before it. */
  void measureFromNow() {
    measuredFromMs = System.currentTimeMillis();
  }

  /** When the measured window started, epoch ms. */
  long measuredFromMs() {
    return measuredFromMs;
  }

  /** The fleet's scraper, if the run drives a deployed fleet with endpoints. */
  Optional<Scraper> fleet() {
    return fleet;
  }

  /** The server's scraper, if its endpoint is known. */
  Optional<Scraper> server() {
    return server;
  }

  /** Takes a last scrape of each endpoint and stops. */
  @Override
  public void close() {
    fleet.ifPresent(Scraper::close);
    server.ifPresent(Scraper::close);
  }
}
