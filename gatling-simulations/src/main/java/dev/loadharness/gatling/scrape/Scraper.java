package dev.loadharness.gatling.scrape;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Scrapes Prometheus endpoints once a second on a daemon thread and keeps, per endpoint, every scrape's
 * samples whose names it was told to keep. A failed scrape (unreachable, a timeout, not the text format) is
 * counted and leaves a gap; it never stops the run.
 */
public final class Scraper implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<URI> urls;
  private final Predicate<String> keep;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Map<URI, List<Scrape>> scrapes = new LinkedHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "prometheus-scrape");
    t.setDaemon(true);
    return t;
  });

  /** Starts scraping {@code urls} every {@code every}, keeping samples whose names {@code keep} accepts. */
  public Scraper(List<URI> urls, Predicate<String> keep, Duration every) {
    this.urls = List.copyOf(urls);
    this.keep = keep;
    this.urls.forEach(u -> scrapes.put(u, new ArrayList<>()));
    scrapeAll();
    loop.scheduleWithFixedDelay(this::scrapeAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scrapeAll() {
    for (URI url : urls) {
      scrape(url).ifPresent(s -> {
        synchronized (scrapes) {
          scrapes.get(url).add(s);
        }
      });
    }
  }

  private Optional<Scrape> scrape(URI url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return Optional.of(new Scrape(System.currentTimeMillis(), PrometheusText.parse(response.body(), keep)));
    } catch (IOException | IllegalArgumentException e) {
      failures.incrementAndGet();
      lastError.set(url + ": " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Scrapes every endpoint once more now and stops the loop; idempotent. */
  @Override
  public void close() {
    if (loop.isShutdown()) {
      return;
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scrapeAll();
  }

  /** The scrapes of each endpoint so far, in time order. */
  public Map<URI, List<Scrape>> scrapes() {
    synchronized (scrapes) {
      Map<URI, List<Scrape>> copy = new LinkedHashMap<>();
      scrapes.forEach((u, list) -> copy.put(u, List.copyOf(list)));
      return copy;
    }
  }

  /** The endpoints. */
  public List<URI> urls() {
    return urls;
  }

  /** Failed scrapes so far. */
  public int failures() {
    return failures.get();
  }

  /** The last failure, if any. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }
}
