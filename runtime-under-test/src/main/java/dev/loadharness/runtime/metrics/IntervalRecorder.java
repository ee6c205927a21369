package dev.loadharness.runtime.metrics;

import org.HdrHistogram.Histogram;

/**
 * One timer series, drained once an interval into a histogram only as large as the interval's values need.
 *
 * <p>Why not HdrHistogram's {@code Recorder}: sampling one clears its spare full-range histogram count by
 * count, one atomic store each (~23,000 for an hour at 3 digits), and a once-a-second loop is the last code the
 * JIT compiles. JFR of an adaptive worker put a third of its CPU samples there (docs/runtime.md). Here a writer
 * records into a plain auto-resizing histogram under this object's monitor (a few tens of nanoseconds, held by
 * no one else but a drain's pointer swap), and a drain hands that histogram itself to the caller: nothing is
 * cleared, copied or walked, whatever the range. The next interval's histogram is allocated by the drain,
 * outside the monitor, already as large as the last interval's values needed, so writers do not resize it in
 * a steady state.
 *
 * <p>A series that {@linkplain #IntervalRecorder(long, int, boolean) keeps its total} records each value a
 * second time, into a histogram of every sample so far, under the same monitor: a few nanoseconds a sample
 * where adding each interval into a total walked the interval's counts every second (in the interpreter, for
 * minutes: a JFR of an adaptive worker put 4% of its CPU samples there).
 *
 * <p>Writers may record from any thread; {@link #drain} is called from one thread at a time.
 */
public final class IntervalRecorder {
  private final long highestTrackable;
  private final int significantDigits;
  private final Histogram total;
  private Histogram active;

  /** A series of values from 0 to {@code highestTrackable} (a larger one counts as it), to {@code significantDigits}. */
  public IntervalRecorder(long highestTrackable, int significantDigits) {
    this(highestTrackable, significantDigits, false);
  }

  /** As {@link #IntervalRecorder(long, int)}; with {@code keepTotal}, {@link #total()} has every sample so far. */
  public IntervalRecorder(long highestTrackable, int significantDigits, boolean keepTotal) {
    this.highestTrackable = highestTrackable;
    this.significantDigits = significantDigits;
    this.active = new Histogram(significantDigits);
    this.total = keepTotal ? new Histogram(significantDigits) : null;
  }

  /** Records {@code value}, clamped to 0 ... the highest trackable value. */
  public void record(long value) {
    long clamped = Math.max(0, Math.min(highestTrackable, value));
    synchronized (this) {
      active.recordValue(clamped);
      if (total != null) {
        total.recordValue(clamped);
      }
    }
  }

  /** A copy of every sample recorded so far; empty for a series that does not keep its total. */
  public synchronized Histogram total() {
    return total == null ? new Histogram(significantDigits) : total.copy();
  }

  /**
   * The samples since the last drain, in a histogram the caller owns, or null when there were none (then
   * nothing is allocated).
   */
  public Histogram drain() {
    long largest;
    synchronized (this) {
      if (active.getTotalCount() == 0) {
        return null;
      }
      largest = active.getMaxValue();
    }
    Histogram next = new Histogram(1, Math.max(2, largest), significantDigits);
    next.setAutoResize(true);
    Histogram interval;
    synchronized (this) {
      // Samples recorded since the count was read went into this one too: they go out with it.
      interval = active;
      active = next;
    }
    return interval;
  }
}
