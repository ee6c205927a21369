package dev.loadharness.runtime.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One timer series recorded without blocking and drained once an interval into a histogram only as large as
 * the interval's values need. Sampling a {@link Recorder} clears its spare full-range histogram count by count
 * (~23,000 for an hour at 3 digits), and copying or adding that histogram walks as many; JFR put those at most
 * of a loaded worker's metrics CPU, most series (per type and tag) being idle. So an interval with no sample
 * costs nothing, and one with samples is moved into an auto-resizing histogram first.
 *
 * <p>Writers may record from any thread; {@link #drain} is called from one thread at a time.
 */
public final class IntervalRecorder {
  private final Recorder recorder;
  private final LongAdder recorded = new LongAdder();
  private final int significantDigits;
  private Histogram spare;

  /** A series of values up to {@code highestTrackable} kept to {@code significantDigits} digits. */
  public IntervalRecorder(long highestTrackable, int significantDigits) {
    this.recorder = new Recorder(highestTrackable, significantDigits);
    this.significantDigits = significantDigits;
  }

  /** Records {@code value} (within the trackable range). */
  public void record(long value) {
    recorder.recordValue(value);
    recorded.increment();
  }

  /**
   * The samples since the last drain in an auto-resizing histogram, or null when there were none. A sample
   * recorded after the count was read stays in the recorder and is taken by the next drain.
   */
  public Histogram drain() {
    if (recorded.sumThenReset() == 0) {
      return null;
    }
    Histogram interval = recorder.getIntervalHistogram(spare);
    spare = interval;
    if (interval.getTotalCount() == 0) {
      return null;
    }
    Histogram samples = new Histogram(significantDigits);
    samples.add(interval);
    return samples;
  }
}
