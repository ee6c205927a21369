package dev.loadharness.runtime.metrics;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The SDK's tally reporter: every timer sample the SDK records reaches {@link #reportTimer}
 * unbuffered, and goes into {@link ExactMetrics} exactly once.
 *
 * <p>SDK issue 2733: 1.38 records {@code temporal_activity_schedule_to_start_latency} twice per
 * activity task, once in the poll task (ActivityPollTask / AsyncActivityPollTask, on the worker
 * scope: namespace, task_queue, worker_type) and again in ActivityWorker's task handler on a scope
 * that sets activity_type and workflow_type. The SDK's root scope pre-fills every tag key with
 * "none", so the poll-task copy arrives with activity_type=none. Only the handler sample exists for every executed
 * task (eager activities skip the poll task) and it carries the richer tags, so this reporter keeps
 * the sample with a real activity_type and drops the poll-task sample, counting each drop under
 * {@link MetricNames#DUPLICATE_SAMPLES_DROPPED}.
 */
public final class ExactStatsReporter implements StatsReporter {
  private static final String ACTIVITY_TYPE_TAG = "activity_type";
  /** The SDK fills every known tag with "none" on its root scope, so absent reads as "none". */
  private static final String NO_VALUE = "none";
  /** More timers than a worker's scopes create (a few hundred with many task queues and types). */
  static final int MAX_CACHED_TIMERS = 4096;

  private final ExactMetrics metrics;
  private final SeriesKey droppedKey =
      new SeriesKey(MetricNames.DUPLICATE_SAMPLES_DROPPED, Map.of("name", MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START));
  /**
   * Where each timer's samples go, by the timer's name and tag map instances. Tally keeps one timer per scope and
   * name for the scope's life and hands the reporter that timer's own name and (immutable) tag map on every
   * sample, so the destination is resolved once per timer: building a SeriesKey and hashing its tag map in two
   * look-ups per sample was most of the reporter's CPU in a JFR profile of a loaded worker. Bounded by the
   * timers tally creates, which it never drops either, and by {@link #MAX_CACHED_TIMERS}. A tag map must not change
   * after it is reported (tally's are immutable).
   */
  private final Map<TimerInstance, LongConsumer> destinations = new ConcurrentHashMap<>();

  /** A reporter writing into {@code metrics}. */
  public ExactStatsReporter(ExactMetrics metrics) {
    this.metrics = metrics;
  }

  /** True when a timer sample is the poll-task copy of activity schedule-to-start (issue 2733). */
  public static boolean isDuplicate(String name, Map<String, String> tags) {
    return MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START.equals(name)
        && (tags == null || NO_VALUE.equals(tags.getOrDefault(ACTIVITY_TYPE_TAG, NO_VALUE)));
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    LongConsumer destination = destinations.get(new TimerInstance(name, tags));
    if (destination == null) {
      // A caller that builds a new tag map per sample (not tally) would grow the map without end: past the bound,
      // its samples are resolved each time instead.
      destination = destinations.size() < MAX_CACHED_TIMERS
          ? destinations.computeIfAbsent(new TimerInstance(name, tags), t -> resolve(name, tags))
          : resolve(name, tags);
    }
    destination.accept(interval.getNanos());
  }

  /** How many timers have their destination cached (for tests). */
  int cachedTimers() {
    return destinations.size();
  }

  private LongConsumer resolve(String name, Map<String, String> tags) {
    if (isDuplicate(name, tags)) {
      return nanos -> metrics.increment(droppedKey, 1);
    }
    ExactMetrics.Timing series = metrics.timer(new SeriesKey(name, tags == null ? Map.of() : tags));
    return series::recordNanos;
  }

  /** A timer's name and tag map, equal only to the same instances (tally reuses them; see destinations). */
  private static final class TimerInstance {
    private final String name;
    private final Map<String, String> tags;

    TimerInstance(String name, Map<String, String> tags) {
      this.name = name;
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TimerInstance t && t.name == name && t.tags == tags;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(name) + System.identityHashCode(tags);
    }
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    metrics.increment(new SeriesKey(name, tags == null ? Map.of() : tags), value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    metrics.gauge(new SeriesKey(name, tags == null ? Map.of() : tags), value);
  }

  @Override
  public void reportHistogramValueSamples(
      String name, Map<String, String> tags, Buckets buckets, double bucketLowerBound, double bucketUpperBound,
      long samples) {
    // The SDK declares no value histograms; should one appear, keep its sample count rather than
    // pretend a bucket bound is a sample.
    metrics.increment(new SeriesKey(name + "_samples", tags == null ? Map.of() : tags), samples);
  }

  @Override
  public void reportHistogramDurationSamples(
      String name, Map<String, String> tags, Buckets buckets, Duration bucketLowerBound, Duration bucketUpperBound,
      long samples) {
    metrics.increment(new SeriesKey(name + "_samples", tags == null ? Map.of() : tags), samples);
  }

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING_TAGGING;
  }

  @Override
  public void flush() {
    // Nothing is buffered here: samples are in the recorders as soon as they are reported.
  }

  @Override
  public void close() {
    // The store outlives the reporter; the runtime closes exporters itself.
  }
}
