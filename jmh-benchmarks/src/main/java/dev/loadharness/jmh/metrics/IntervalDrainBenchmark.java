package dev.loadharness.jmh.metrics;

import dev.loadharness.runtime.metrics.ExactMetrics;
import dev.loadharness.runtime.metrics.IntervalRecorder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one metrics interval of one timer series cost, its samples recorded and the interval
 * drained for the interval files, in the runtime's {@link IntervalRecorder} against HdrHistogram's
 * {@link Recorder} over the runtime's full range (one hour in microseconds, 3 digits), sampled into a recycled
 * spare and moved into an auto-resizing histogram, as the runtime did before?
 *
 * <p>Baseline: {@link #fullRangeRecorder()}, the previous way, in the same run. Samples are seeded log-normal
 * latencies (median ~20 ms) in microseconds. The worker drains once a second, so its drain runs in the
 * interpreter or C1 for a long time; {@code -jvmArgsAppend -Xint} measures that state (docs/runtime.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IntervalDrainBenchmark {
  private static final int VALUES = 1 << 10;

  /** Samples a series takes in one interval. */
  @Param({"1", "20"})
  public int samples;

  private long[] micros;
  private int cursor;
  private Recorder recorder;
  private Histogram spare;
  private IntervalRecorder series;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    micros = new long[VALUES];
    for (int i = 0; i < VALUES; i++) {
      micros[i] = (long) (SeededLatencies.millis(random) * 1_000);
    }
    recorder = new Recorder(ExactMetrics.HIGHEST_TRACKABLE_MICROS, ExactMetrics.SIGNIFICANT_DIGITS);
    series = new IntervalRecorder(ExactMetrics.HIGHEST_TRACKABLE_MICROS, ExactMetrics.SIGNIFICANT_DIGITS);
  }

  private long next() {
    return micros[cursor++ & (VALUES - 1)];
  }

  @Benchmark
  public Histogram fullRangeRecorder() {
    for (int i = 0; i < samples; i++) {
      recorder.recordValue(next());
    }
    Histogram interval = recorder.getIntervalHistogram(spare);
    spare = interval;
    Histogram owned = new Histogram(ExactMetrics.SIGNIFICANT_DIGITS);
    owned.add(interval);
    return owned;
  }

  @Benchmark
  public Histogram intervalRecorder() {
    for (int i = 0; i < samples; i++) {
      series.record(next());
    }
    return series.drain();
  }
}
