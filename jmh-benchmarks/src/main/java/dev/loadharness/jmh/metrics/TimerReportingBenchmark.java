package dev.loadharness.jmh.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.loadharness.runtime.metrics.ExactMetrics;
import dev.loadharness.runtime.metrics.ExactStatsReporter;
import dev.loadharness.runtime.metrics.SeriesKey;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one SDK timer sample cost on its way into the runtime's exact metrics, from the SDK's tally
 * timer through {@link ExactStatsReporter} (which resolves each tally timer's series once), against building and
 * looking up a {@link SeriesKey} for every sample (the reporter before it cached), on the registry the runtime uses
 * (Micrometer's composite over Prometheus, percentile histograms on)?
 *
 * <p>Baseline: {@link #seriesHandle()} records into the resolved series directly (HdrHistogram recorder plus the
 * Micrometer timer), the floor any path pays; the difference to it is what finding the series costs. The tags are
 * the six a 1.38 worker scope carries.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerReportingBenchmark {
  private static final String NAME = "temporal_workflow_task_execution_latency";
  private static final Map<String, String> TAGS = Map.of("namespace", "default", "task_queue", "orders",
      "worker_type", "WorkflowWorker", "workflow_type", "OrderWorkflow", "activity_type", "none",
      "operation", "none");
  private static final com.uber.m3.util.Duration SAMPLE = com.uber.m3.util.Duration.ofMillis(12);

  private CompositeMeterRegistry registry;
  private ExactMetrics metrics;
  private ExactMetrics.Timing series;
  private com.uber.m3.tally.Timer tallyTimer;
  private Scope root;

  @Setup
  public void setUp() {
    registry = new CompositeMeterRegistry();
    registry.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    metrics = new ExactMetrics(registry);
    series = metrics.timer(new SeriesKey(NAME, TAGS));
    root = new RootScopeBuilder().reporter(new ExactStatsReporter(metrics))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(60));
    tallyTimer = root.tagged(TAGS).timer(NAME);
  }

  @TearDown
  public void tearDown() throws com.uber.m3.tally.ScopeCloseException {
    root.close();
    registry.close();
  }

  @Benchmark
  public void seriesHandle() {
    series.recordNanos(SAMPLE.getNanos());
  }

  @Benchmark
  public void tallyTimerThroughReporter() {
    tallyTimer.record(SAMPLE);
  }

  @Benchmark
  public void keyPerSample() {
    metrics.recordNanos(new SeriesKey(NAME, TAGS), SAMPLE.getNanos());
  }
}
