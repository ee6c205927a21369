package dev.loadharness.reports.record;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics scraped from Prometheus endpoints once a second during a run (a deployed worker fleet's, or the
 * Temporal server's): latencies as bucket bounds, counters as the window's deltas or rates, gauges as their
 * largest value. Nothing here is an exact sample; {@code source} says so.
 *
 * @param source how the figures were obtained: {@value #SOURCE_PROMETHEUS_BUCKETS}
 * @param urls the endpoints scraped
 * @param scrapes successful scrapes, summed over endpoints
 * @param failedScrapes scrapes that failed (unreachable, not the text format)
 * @param windowS seconds between the first and the last scrape the figures are taken from
 * @param latencyMs latency per name (bucket bounds, ms)
 * @param values other figures per name, e.g. {@code service_requests_per_s}, {@code persistence_errors}
 * @param lastError the last scrape failure, null when none failed
 */
public record ScrapedMetrics(String source, List<String> urls, int scrapes, int failedScrapes, double windowS,
    Map<String, BucketLatency> latencyMs, Map<String, Double> values, String lastError) {

  /** Histograms scraped in the Prometheus text format: bucket counts, not samples. */
  public static final String SOURCE_PROMETHEUS_BUCKETS = "prometheus_buckets";

  /** Validates counts and freezes the maps. */
  public ScrapedMetrics {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("scraped.source must be non-blank");
    }
    if (scrapes < 0 || failedScrapes < 0 || !(windowS >= 0)) {
      throw new IllegalArgumentException("scraped scrapes, failed_scrapes and window_s must be >= 0");
    }
    urls = urls == null ? List.of() : List.copyOf(urls);
    latencyMs = latencyMs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(latencyMs));
    values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
  }
}
