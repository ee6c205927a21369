package dev.loadharness.gatling.scrape;

import dev.loadharness.reports.record.BucketLatency;
import dev.loadharness.reports.record.ScrapedMetrics;
import dev.loadharness.reports.record.SeriesColumn;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Temporal server's own metrics from its Prometheus endpoint, under the names the server exports:
 * persistence latency ({@code persistence_latency}, seconds), frontend request rate and latency
 * ({@code service_requests}, {@code service_latency}, long polls left out since they wait by design), errors
 * ({@code service_error*}, {@code persistence_error*}), and the matching service's view of the task queues
 * ({@code approximate_backlog_count}, {@code task_schedule_to_start_latency}, {@code poll_success},
 * {@code poll_timeouts}, {@code no_poller_tasks}) where the server exports them.
 */
public final class ServerScrape {
  /** Persistence latency p95 (upper bound), ms. */
  public static final String PERSISTENCE = "persistence";
  /** Frontend request latency without long polls. */
  public static final String FRONTEND = "frontend_request";
  /** The matching service's task schedule-to-start. */
  public static final String MATCHING_S2S = "task_schedule_to_start";

  private static final List<String> PREFIXES = List.of("persistence_latency", "persistence_requests",
      "persistence_error", "service_requests", "service_error", "service_latency_", "approximate_backlog_count",
      "task_schedule_to_start_latency", "poll_success", "poll_timeouts", "no_poller_tasks");
  /** The sample names a server scrape keeps. */
  public static final Predicate<String> KEEP = name -> PREFIXES.stream().anyMatch(name::startsWith);

  private static final Predicate<PromSample> FRONTEND_SERVICE = s -> s.label("service_name").equals("frontend");
  private static final Predicate<PromSample> NOT_LONG_POLL = s -> FRONTEND_SERVICE.test(s)
      && !s.label("operation").startsWith("Poll");

  private ServerScrape() {}

  /**
   * The server's figures.
   *
   * @param metrics for the record
   * @param columns series columns, one value per driver tick
   */
  public record Result(ScrapedMetrics metrics, Map<SeriesColumn, List<Double>> columns) {}

  /** The server's figures for the window starting at {@code startMs}; {@code scrapes} has one endpoint. */
  public static Result of(URI url, List<Scrape> scrapes, int failures, Optional<String> lastError, long startMs,
      List<Long> ticks) {
    Map<String, BucketLatency> latency = new LinkedHashMap<>();
    Map<String, Double> values = new LinkedHashMap<>();
    Optional<Window> window = Window.of(scrapes, startMs);
    window.ifPresent(w -> {
      Scrape a = w.first();
      Scrape b = w.last();
      double s = Math.max(1e-3, w.seconds());
      Latencies.of(delta(a, b, "persistence_latency", x -> true), 1000).ifPresent(l -> latency.put(PERSISTENCE, l));
      Latencies.of(delta(a, b, "service_latency", NOT_LONG_POLL), 1000).ifPresent(l -> latency.put(FRONTEND, l));
      Latencies.of(delta(a, b, "task_schedule_to_start_latency", x -> true), 1000)
          .ifPresent(l -> latency.put(MATCHING_S2S, l));
      values.put("persistence_requests_per_s", counter(a, b, "persistence_requests", x -> true) / s);
      values.put("persistence_errors", prefixed(a, b, "persistence_error", x -> true));
      values.put("service_requests_per_s", counter(a, b, "service_requests", FRONTEND_SERVICE) / s);
      values.put("service_errors", prefixed(a, b, "service_error", FRONTEND_SERVICE));
      for (String name : List.of("poll_success", "poll_success_sync", "poll_timeouts", "no_poller_tasks")) {
        if (b.has(name)) {
          values.put(name, counter(a, b, name, x -> true));
        }
      }
      scrapes.stream().filter(x -> x.atMs() >= a.atMs() && x.has("approximate_backlog_count"))
          .mapToDouble(x -> x.sum("approximate_backlog_count", y -> true)).max()
          .ifPresent(max -> values.put("approximate_backlog_max", max));
    });
    ScrapedMetrics metrics = new ScrapedMetrics(ScrapedMetrics.SOURCE_PROMETHEUS_BUCKETS, List.of(url.toString()),
        scrapes.size(), failures, window.map(Window::seconds).orElse(0.0), latency, values, lastError.orElse(null));
    return new Result(metrics, columns(scrapes, ticks));
  }

  private static BucketHistogram delta(Scrape a, Scrape b, String family, Predicate<PromSample> filter) {
    return b.histogram(family, filter).minus(a.histogram(family, filter));
  }

  private static double counter(Scrape a, Scrape b, String name, Predicate<PromSample> filter) {
    return Math.max(0, b.sum(name, filter) - a.sum(name, filter));
  }

  private static double prefixed(Scrape a, Scrape b, String prefix, Predicate<PromSample> filter) {
    return Math.max(0, b.sumPrefixed(prefix, filter) - a.sumPrefixed(prefix, filter));
  }

  /** Persistence p95 (upper bound), frontend request rate, errors and backlog per tick. */
  static Map<SeriesColumn, List<Double>> columns(List<Scrape> scrapes, List<Long> ticks) {
    Map<SeriesColumn, List<Double>> columns = new EnumMap<>(SeriesColumn.class);
    for (SeriesColumn c : List.of(SeriesColumn.SERVER_PERSISTENCE_P95_MS, SeriesColumn.SERVER_REQUEST_RATE,
        SeriesColumn.SERVER_ERRORS, SeriesColumn.SERVER_SCRAPED_BACKLOG)) {
      columns.put(c, new ArrayList<>());
    }
    Scrape previous = null;
    for (long tick : ticks) {
      Scrape now = Window.at(scrapes, tick);
      if (now == null || previous == null || now == previous) {
        columns.values().forEach(v -> v.add(null));
        previous = now == null ? previous : now;
        continue;
      }
      double s = Math.max(1e-3, (now.atMs() - previous.atMs()) / 1000.0);
      columns.get(SeriesColumn.SERVER_PERSISTENCE_P95_MS).add(Latencies.p95Upper(
          delta(previous, now, "persistence_latency", x -> true), 1000).filter(Double::isFinite).orElse(null));
      columns.get(SeriesColumn.SERVER_REQUEST_RATE).add(counter(previous, now, "service_requests", FRONTEND_SERVICE) / s);
      columns.get(SeriesColumn.SERVER_ERRORS).add(prefixed(previous, now, "service_error", FRONTEND_SERVICE)
          + prefixed(previous, now, "persistence_error", x -> true));
      columns.get(SeriesColumn.SERVER_SCRAPED_BACKLOG).add(now.has("approximate_backlog_count")
          ? now.sum("approximate_backlog_count", x -> true) : null);
      previous = now;
    }
    return columns;
  }
}
