package dev.loadharness.jmh.metrics;

import dev.loadharness.runtime.metrics.IntervalRecorder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does recording one latency sample cost with the exact capture the runtime uses
 * (an HdrHistogram {@link Recorder}, lossless to 3 significant digits) compared with a Micrometer
 * timer, with and without a published percentile histogram (Prometheus buckets)?
 *
 * <p>Baseline: {@link #baseline()} does everything but record (advance the seeded index and return
 * the sample), so the difference to it is the recording cost alone. Samples are seeded log-normal
 * latencies (median ~20 ms), prepared in {@code @Setup}; the hot loop only indexes an array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsCaptureBenchmark {
  private static final int SAMPLES = 1 << 12;

  private long[] nanos;
  private Recorder recorder;
  private IntervalRecorder series;
  private PrometheusMeterRegistry registry;
  private Timer summaryTimer;
  private Timer histogramTimer;

  /** Per-thread cursor so threads do not contend on the index itself. */
  @State(Scope.Thread)
  public static class Cursor {
    int index;
  }

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    nanos = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double millis = SeededLatencies.millis(random);
      nanos[i] = (long) (millis * 1_000_000);
    }
    recorder = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);
    series = new IntervalRecorder(TimeUnit.MINUTES.toNanos(10), 3);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    summaryTimer = Timer.builder("bench_summary").register(registry);
    histogramTimer = Timer.builder("bench_histogram").publishPercentileHistogram().register(registry);
  }

  @TearDown
  public void tearDown() {
    registry.close();
  }

  private long next(Cursor cursor) {
    return nanos[cursor.index++ & (SAMPLES - 1)];
  }

  @Benchmark
  public long baseline(Cursor cursor) {
    return next(cursor);
  }

  @Benchmark
  public long hdrRecorder(Cursor cursor) {
    long sample = next(cursor);
    recorder.recordValue(sample);
    return sample;
  }

  /** The runtime's series recorder (a monitor around a plain histogram): against {@link #hdrRecorder}, wait-free. */
  @Benchmark
  public long intervalRecorder(Cursor cursor) {
    long sample = next(cursor);
    series.record(sample);
    return sample;
  }

  @Benchmark
  public long micrometerTimer(Cursor cursor) {
    long sample = next(cursor);
    summaryTimer.record(sample, TimeUnit.NANOSECONDS);
    return sample;
  }

  @Benchmark
  public long micrometerHistogramTimer(Cursor cursor) {
    long sample = next(cursor);
    histogramTimer.record(sample, TimeUnit.NANOSECONDS);
    return sample;
  }
}
