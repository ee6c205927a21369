package dev.loadharness.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The runtime's metric store: every timer sample goes into an HdrHistogram ({@link IntervalRecorder}) per
 * series (no bucket approximation; 3 significant digits), counters into adders, gauges into their
 * last value, and each is mirrored into a Micrometer registry for the Prometheus/OTLP exporters.
 *
 * <p>Concurrency: writers hold a series' monitor for one record ({@link IntervalRecorder} says why not a
 * wait-free {@code Recorder}); {@link #snapshot()} is the single interval reader and is synchronized.
 */
public final class ExactMetrics {
  /** Largest trackable latency: one hour, in microseconds. */
  public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
  /** HdrHistogram precision: values are kept within 0.1%. */
  public static final int SIGNIFICANT_DIGITS = 3;

  private final MeterRegistry registry;
  private final ConcurrentMap<SeriesKey, IntervalRecorder> recorders = new ConcurrentHashMap<>();
  private final ConcurrentMap<SeriesKey, Timing> timers = new ConcurrentHashMap<>();
  private final ConcurrentMap<SeriesKey, Summary> summaries = new ConcurrentHashMap<>();
  private final ConcurrentMap<SeriesKey, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<SeriesKey, Counter> meterCounters = new ConcurrentHashMap<>();
  private final ConcurrentMap<SeriesKey, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<SeriesKey, Long> lastTotals = new HashMap<>();
  private long intervalStart = System.currentTimeMillis();

  /** A store mirroring into {@code registry}. */
  public ExactMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The Micrometer registry the store mirrors into. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Records one timer sample exactly (and into the Micrometer timer of the same name). */
  public void recordNanos(SeriesKey key, long nanos) {
    timer(key).recordNanos(nanos);
  }

  /**
   * Records a latency already in milliseconds, exported as a summary under its own name (for names
   * that carry the unit, like temporal_worker_poll_latency_ms).
   */
  public void recordMillis(SeriesKey key, double millis) {
    summary(key).recordMillis(millis);
  }

  /**
   * The timer series of {@code key}, resolved once: a caller that records into one series often keeps it and
   * skips the key's hashing and the two map look-ups per sample.
   */
  public Timing timer(SeriesKey key) {
    return timers.computeIfAbsent(key, k -> new Timing(recorder(k), Timer.builder(k.name()).tags(tags(k))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)));
  }

  /** The millisecond summary series of {@code key} ({@link #recordMillis}), resolved once. */
  public Summary summary(SeriesKey key) {
    return summaries.computeIfAbsent(key, k -> new Summary(recorder(k), DistributionSummary.builder(k.name())
        .tags(tags(k))
        .publishPercentileHistogram()
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(300_000.0)
        .register(registry)));
  }

  /** A timer series of the store: its exact recorder (microseconds) and the Micrometer timer it is mirrored into. */
  public static final class Timing {
    private final IntervalRecorder recorder;
    private final Timer timer;

    private Timing(IntervalRecorder recorder, Timer timer) {
      this.recorder = recorder;
      this.timer = timer;
    }

    /** One sample in nanoseconds. */
    public void recordNanos(long nanos) {
      recorder.record(TimeUnit.NANOSECONDS.toMicros(nanos));
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A millisecond series of the store: its exact recorder (microseconds) and the Micrometer summary it feeds. */
  public static final class Summary {
    private final IntervalRecorder recorder;
    private final DistributionSummary summary;

    private Summary(IntervalRecorder recorder, DistributionSummary summary) {
      this.recorder = recorder;
      this.summary = summary;
    }

    /** One sample in milliseconds. */
    public void recordMillis(double millis) {
      recorder.record(Math.round(millis * 1000.0));
      summary.record(millis);
    }
  }

  /** Adds {@code delta} to a counter. */
  public void increment(SeriesKey key, long delta) {
    counters.computeIfAbsent(key, k -> new LongAdder()).add(delta);
    meterCounters.computeIfAbsent(key, k -> Counter.builder(k.name()).tags(tags(k)).register(registry))
        .increment(delta);
  }

  /** Sets a gauge; the first call registers it with Micrometer unless a meter of that id is already there. */
  public void gauge(SeriesKey key, double value) {
    gauges.computeIfAbsent(key, k -> {
      AtomicLong bits = new AtomicLong(Double.doubleToLongBits(value));
      if (registry.find(k.name()).tags(tags(k)).gauge() == null) {
        Gauge.builder(k.name(), bits, b -> Double.longBitsToDouble(b.get())).tags(tags(k)).register(registry);
      }
      return bits;
    }).set(Double.doubleToLongBits(value));
  }

  /**
   * Sets a gauge for the interval files only, never registering it with Micrometer: for a gauge its owner
   * exports itself (the adaptive controller's limits and queues, registered through a tagged view of this
   * registry). Looking the owner's meter up before registering a copy, as {@link #gauge} does, missed it on
   * the first interval of every adaptive worker (Micrometer then ignored the copy with a warning in the log).
   */
  public void intervalGauge(SeriesKey key, double value) {
    gauges.computeIfAbsent(key, k -> new AtomicLong()).set(Double.doubleToLongBits(value));
  }

  /** The counter's value since start (0 if never incremented). */
  public long counter(SeriesKey key) {
    LongAdder adder = counters.get(key);
    return adder == null ? 0 : adder.sum();
  }

  /** Sum of every series named {@code name}. */
  public long counterSum(String name) {
    return counters.entrySet().stream().filter(e -> e.getKey().name().equals(name))
        .mapToLong(e -> e.getValue().sum()).sum();
  }

  /** The gauge's last value, or NaN if never set. */
  public double gaugeValue(SeriesKey key) {
    AtomicLong bits = gauges.get(key);
    return bits == null ? Double.NaN : Double.longBitsToDouble(bits.get());
  }

  /** True once any gauge named {@code name} was set. */
  public boolean hasGauge(String name) {
    return gauges.keySet().stream().anyMatch(k -> k.name().equals(name));
  }

  /**
   * Closes the current interval: returns each series' samples since the last snapshot (series without a
   * sample in it are left out; {@link #cumulative} is kept by the series as they record). Call from one thread
   * (the interval loop).
   */
  public synchronized IntervalSnapshot snapshot() {
    long now = System.currentTimeMillis();
    Map<SeriesKey, Histogram> interval = new HashMap<>();
    recorders.forEach((key, series) -> {
      // A series idle this interval costs nothing (IntervalRecorder says why that matters).
      Histogram samples = series.drain();
      if (samples != null) {
        interval.put(key, samples);
      }
    });
    Map<SeriesKey, Long> totals = new HashMap<>();
    Map<SeriesKey, Long> deltas = new HashMap<>();
    counters.forEach((key, adder) -> {
      long total = adder.sum();
      totals.put(key, total);
      deltas.put(key, total - lastTotals.getOrDefault(key, 0L));
      lastTotals.put(key, total);
    });
    Map<SeriesKey, Double> gaugeValues = new HashMap<>();
    gauges.forEach((key, bits) -> gaugeValues.put(key, Double.longBitsToDouble(bits.get())));
    IntervalSnapshot snapshot = new IntervalSnapshot(intervalStart, now, interval, deltas, totals, gaugeValues);
    intervalStart = now;
    return snapshot;
  }

  /** Every sample of {@code name} (all series merged) recorded so far, in microseconds. */
  public Histogram cumulative(String name) {
    Histogram merged = new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    recorders.forEach((key, series) -> {
      if (key.name().equals(name)) {
        merged.add(series.total());
      }
    });
    return merged;
  }

  /** The series recorded under {@code name} so far. */
  public java.util.Set<SeriesKey> seriesOf(String name) {
    return recorders.keySet().stream().filter(k -> k.name().equals(name))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private IntervalRecorder recorder(SeriesKey key) {
    return recorders.computeIfAbsent(key, k -> new IntervalRecorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS, true));
  }

  private static List<Tag> tags(SeriesKey key) {
    return key.tags().entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList();
  }
}
