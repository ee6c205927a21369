package dev.loadharness.runtime.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's metrics pipeline: the SDK's tally scope reporting into {@link ExactMetrics}, an
 * interval loop that snapshots the recorders, derives the per-interval sticky hit ratio, feeds
 * {@link MetricsLoadSignals} and interval listeners, and writes the enabled exporters.
 */
public final class RuntimeMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RuntimeMetrics.class);

  private final MetricsConfig config;
  private final MeterRegistry registry;
  private final ExactMetrics metrics;
  private final Scope scope;
  private final MetricsLoadSignals loadSignals = new MetricsLoadSignals();
  private final List<Consumer<IntervalSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> beforeSnapshot = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService loop;
  private final Optional<PrometheusEndpoint> endpoint;
  private final Optional<IntervalLogWriter> intervalLog;
  private boolean closed;

  /** Builds the pipeline; {@code filePrefix} names the interval log files (e.g. worker-1234). */
  public RuntimeMetrics(MetricsConfig config, String filePrefix) {
    this.config = config;
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    if (config.exports(MetricsExporter.PROMETHEUS)) {
      PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      composite.add(prometheus);
      this.endpoint = Optional.of(new PrometheusEndpoint(prometheus, config.host(), config.port()));
      log.info("Prometheus metrics on http://{}:{}/metrics", config.host(), endpoint.get().port());
    } else {
      this.endpoint = Optional.empty();
    }
    if (config.exports(MetricsExporter.OTLP)) {
      composite.add(OtlpExport.registry(config));
      log.info("OTLP metrics pushed to {} every {}", OtlpExport.url(config), config.interval());
    }
    if (composite.getRegistries().isEmpty()) {
      // No exporter: meters still need a home so controllers and gauges can read them.
      composite.add(new SimpleMeterRegistry());
    }
    this.registry = composite;
    this.metrics = new ExactMetrics(registry);
    this.intervalLog = config.exports(MetricsExporter.JSONL)
        ? Optional.of(new IntervalLogWriter(config.directory().orElseThrow(), filePrefix, System.currentTimeMillis()))
        : Optional.empty();
    // Tally hands timer samples to the reporter at once; counters and gauges on this cadence.
    long flushMillis = Math.min(1_000, config.interval().toMillis());
    this.scope = new RootScopeBuilder()
        .reporter(new ExactStatsReporter(metrics))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(flushMillis));
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "runtime-metrics");
      thread.setDaemon(true);
      return thread;
    });
    long interval = config.interval().toMillis();
    loop.scheduleAtFixedRate(this::safeTick, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** The tally scope to hand to the SDK (WorkflowServiceStubsOptions.setMetricsScope). */
  public Scope sdkScope() {
    return scope;
  }

  /** The exact store. */
  public ExactMetrics exact() {
    return metrics;
  }

  /** The Micrometer registry exporters read. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Load signals for a concurrency controller. */
  public MetricsLoadSignals loadSignals() {
    return loadSignals;
  }

  /** The Prometheus endpoint's port, if it is on. */
  public Optional<Integer> prometheusPort() {
    return endpoint.map(PrometheusEndpoint::port);
  }

  /** The interval log writer, if jsonl export is on. */
  public Optional<IntervalLogWriter> intervalLog() {
    return intervalLog;
  }

  /** Runs {@code action} at every interval, before the snapshot (to refresh gauges). */
  public void beforeEachInterval(Runnable action) {
    beforeSnapshot.add(action);
  }

  /** Stops running an action added with {@link #beforeEachInterval}. */
  public void removeBeforeEachInterval(Runnable action) {
    beforeSnapshot.remove(action);
  }

  /** Calls {@code listener} with every interval snapshot. */
  public void onInterval(Consumer<IntervalSnapshot> listener) {
    listeners.add(listener);
  }

  /** Closes the current interval now (also done on the configured cadence). */
  public synchronized IntervalSnapshot tick() {
    beforeSnapshot.forEach(Runnable::run);
    IntervalSnapshot snapshot = metrics.snapshot();
    long hits = snapshot.delta(MetricNames.SDK_STICKY_HIT);
    long misses = snapshot.delta(MetricNames.SDK_STICKY_MISS);
    if (hits + misses > 0) {
      double ratio = (double) hits / (hits + misses);
      metrics.gauge(SeriesKey.of(MetricNames.STICKY_HIT_RATIO), ratio);
      snapshot.gauges().put(SeriesKey.of(MetricNames.STICKY_HIT_RATIO), ratio);
    }
    loadSignals.accept(snapshot);
    intervalLog.ifPresent(writer -> writer.write(snapshot));
    listeners.forEach(listener -> listener.accept(snapshot));
    return snapshot;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("metrics interval failed: {}", e.toString());
    }
  }

  /** Flushes tally, writes a last interval, stops exporters; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.shutdownNow();
    try {
      scope.close();
    } catch (Exception e) {
      log.warn("closing the SDK metrics scope failed: {}", e.toString());
    }
    tick();
    intervalLog.ifPresent(IntervalLogWriter::close);
    endpoint.ifPresent(PrometheusEndpoint::close);
    // Closing the composite closes its members: the OTLP registry publishes one last time.
    ((CompositeMeterRegistry) registry).getRegistries().forEach(MeterRegistry::close);
    registry.close();
    log.info("metrics closed{}", intervalLog.map(w -> " (" + w.histogramLog() + ", " + w.jsonl() + ")").orElse(""));
  }

  /** The interval length. */
  public Duration interval() {
    return config.interval();
  }

  /** Sets a gauge, registering it with Micrometer on first use. */
  public void gauge(String name, Map<String, String> tags, double value) {
    metrics.gauge(new SeriesKey(name, tags), value);
  }

  /** Sets a gauge its owner already exports to Micrometer, for the interval files only. */
  public void intervalGauge(String name, Map<String, String> tags, double value) {
    metrics.intervalGauge(new SeriesKey(name, tags), value);
  }
}
