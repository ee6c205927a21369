package dev.loadharness.gatling.driver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The driver's exact accounting: every started workflow ends in exactly one of completed, failed or
 * timed out, or stays unaccounted; latencies go into HdrHistograms (microseconds) without blocking.
 * Workflows started during the warm-up are counted but kept out of the latency histograms.
 */
public final class RunLedger {
  private static final long HIGHEST_US = TimeUnit.HOURS.toMicros(2);
  /** Probe: a long-idle workflow's wake-up, from its timer's due time or its signal to its next completed task. */
  public static final String PROBE_WAKE_UP = "wake_up";
  /** Probe: a schedule's fire delay, the fired workflow's start minus its scheduled time. */
  public static final String PROBE_SCHEDULE_FIRE_DELAY = "schedule_fire_delay";

  private final long startNanos = System.nanoTime();
  private final long startWallMs = System.currentTimeMillis();
  private final AtomicLong firstStartNanos = new AtomicLong(Long.MIN_VALUE);
  private final long warmUpNanos;
  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder attached = new LongAdder();
  private final AtomicLong lastOutcomeNanos = new AtomicLong(startNanos);
  private final Map<String, LongAdder> failureCauses = new ConcurrentHashMap<>();
  private final Recorder startLatency = new Recorder(HIGHEST_US, 3);
  private final Recorder endToEnd = new Recorder(HIGHEST_US, 3);
  private final Histogram startTotal = new Histogram(HIGHEST_US, 3);
  private final Histogram endToEndTotal = new Histogram(HIGHEST_US, 3);
  private final Map<String, Histogram> probes = new ConcurrentHashMap<>();

  /** An empty histogram of the ledger's range and precision (microseconds), to merge ledgers' histograms into. */
  public static Histogram newHistogram() {
    return new Histogram(HIGHEST_US, 3);
  }

  public RunLedger(long warmUpMillis) {
    this.warmUpNanos = TimeUnit.MILLISECONDS.toNanos(warmUpMillis);
  }

  /** When the ledger was created, before the load driver's own start-up (System.nanoTime). */
  public long startNanos() {
    return startNanos;
  }

  /** When the first start was requested: the origin of the run's duration and of the warm-up. */
  public long firstStartNanos() {
    long first = firstStartNanos.get();
    return first == Long.MIN_VALUE ? startNanos : first;
  }

  /** A start was requested; returns the request time. */
  public long started() {
    long now = System.nanoTime();
    firstStartNanos.compareAndSet(Long.MIN_VALUE, now);
    started.increment();
    return now;
  }

  /**
   * The workflow whose start was requested had already been started (by an earlier attempt of a retried
   * segment) and is attached to instead: it stays counted once, as started, its outcome is awaited, and it
   * is kept out of the latency histograms, since this driver did not see it start.
   */
  public void attached() {
    attached.increment();
  }

  /** An attached workflow's result was seen (no latency: its start request is not this driver's). */
  public void completedAttached() {
    completed.increment();
    lastOutcomeNanos.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** How many started workflows were attached to rather than started. */
  public long attachedCount() {
    return attached.sum();
  }

  /** The client's start call returned. */
  public void startReturned(long requestedNanos) {
    record(startLatency, requestedNanos);
  }

  /** The result was seen now. */
  public void completed(long requestedNanos) {
    completed(requestedNanos, System.nanoTime());
  }

  /** The workflow completed at {@code closedNanos} (System.nanoTime), as its await reconstructed it. */
  public void completed(long requestedNanos, long closedNanos) {
    record(endToEnd, requestedNanos, closedNanos);
    completed.increment();
    lastOutcomeNanos.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** The start or the workflow failed, with the grouped cause. */
  public void failed(String cause) {
    failureCauses.computeIfAbsent(cause, c -> new LongAdder()).increment();
    failed.increment();
    lastOutcomeNanos.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** The result was not seen within the time budget. */
  public void timedOut() {
    timedOut.increment();
  }

  /**
   * A latency a workload kind measures besides start and end-to-end (a wake-up, a schedule's fire delay),
   * under {@code name}, for the workflow whose start was requested at {@code requestedNanos} (warm-up ones are
   * left out, as for end-to-end).
   */
  public void probe(String name, long requestedNanos, long micros) {
    if (requestedNanos - firstStartNanos() >= warmUpNanos) {
      Histogram h = probes.computeIfAbsent(name, n -> new Histogram(HIGHEST_US, 3));
      synchronized (h) {
        h.recordValue(Math.max(0, Math.min(HIGHEST_US, micros)));
      }
    }
  }

  /** Copies of the probes' histograms (microseconds) so far, by name. */
  public Map<String, Histogram> probes() {
    Map<String, Histogram> out = new TreeMap<>();
    probes.forEach((name, h) -> {
      synchronized (h) {
        out.put(name, h.copy());
      }
    });
    return out;
  }

  private void record(Recorder recorder, long requestedNanos) {
    record(recorder, requestedNanos, System.nanoTime());
  }

  private void record(Recorder recorder, long requestedNanos, long endNanos) {
    if (requestedNanos - firstStartNanos() >= warmUpNanos) {
      recorder.recordValue(Math.max(0, Math.min(HIGHEST_US, TimeUnit.NANOSECONDS.toMicros(endNanos - requestedNanos))));
    }
  }

  /** The counts now. */
  public Counts counts() {
    long s = started.sum();
    long c = completed.sum();
    long f = failed.sum();
    long t = timedOut.sum();
    return new Counts(s, c, f, t, Math.max(0, s - c - f - t),
        Math.max(0, lastOutcomeNanos.get() - firstStartNanos()) / 1e9);
  }

  /** Failure causes with their counts. */
  public Map<String, Long> failureCauses() {
    Map<String, Long> out = new TreeMap<>();
    failureCauses.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * End-to-end latencies since the previous call (for progress lines and series); also folds them into
   * the run totals. Call from one thread.
   */
  public synchronized Histogram endToEndInterval() {
    Histogram interval = endToEnd.getIntervalHistogram();
    endToEndTotal.add(interval);
    return interval;
  }

  /** All start latencies (microseconds) so far. */
  public synchronized Histogram startLatencies() {
    startTotal.add(startLatency.getIntervalHistogram());
    return startTotal.copy();
  }

  /** All end-to-end latencies (microseconds) so far. */
  public synchronized Histogram endToEndLatencies() {
    endToEndTotal.add(endToEnd.getIntervalHistogram());
    return endToEndTotal.copy();
  }

  /** Everything the ledger holds at the end of an injection, as values. */
  public Totals totals() {
    return new Totals(counts(), startLatencies(), endToEndLatencies(), failureCauses(), attachedCount(), startWallMs,
        startWallMs + TimeUnit.NANOSECONDS.toMillis(firstStartNanos() - startNanos), probes());
  }

  /**
   * The ledger's figures after the injection, as values: one segment's, or the merge of several.
   *
   * @param counts outcome counts
   * @param start start latencies, microseconds
   * @param endToEnd end-to-end latencies, microseconds
   * @param failures failed workflows by cause
   * @param attached started workflows that were attached to, not started (retried segments)
   * @param ledgerStartWallMs when the ledger started, epoch ms (the origin of the driver's series)
   * @param firstStartWallMs when the first start was requested, epoch ms (the origin of the run's duration)
   * @param probes the workload kinds' own latencies ({@link #probe}), microseconds, by name
   */
  public record Totals(Counts counts, Histogram start, Histogram endToEnd, Map<String, Long> failures,
      long attached, long ledgerStartWallMs, long firstStartWallMs, Map<String, Histogram> probes) {
    /** Freezes the failure and probe maps. */
    public Totals {
      failures = Map.copyOf(failures);
      probes = probes == null ? Map.of() : Map.copyOf(probes);
    }

    /** Totals without probe latencies (a distributed run's merge carries none). */
    public Totals(Counts counts, Histogram start, Histogram endToEnd, Map<String, Long> failures, long attached,
        long ledgerStartWallMs, long firstStartWallMs) {
      this(counts, start, endToEnd, failures, attached, ledgerStartWallMs, firstStartWallMs, Map.of());
    }
  }

  /**
   * Outcome counts. {@code unaccounted} = started minus every outcome: the workflows whose result the
   * driver never saw, e.g. because the run was cut at its maximum duration.
   *
   * @param lastOutcomeS seconds from the first start request to the last completion or failure
   */
  public record Counts(long started, long completed, long failed, long timedOut, long unaccounted, double lastOutcomeS) {

    /** Workflows started but without an outcome yet. */
    public long inFlight() {
      return started - completed - failed - timedOut;
    }
  }
}
