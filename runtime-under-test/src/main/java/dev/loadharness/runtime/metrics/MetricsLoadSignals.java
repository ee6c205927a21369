package dev.loadharness.runtime.metrics;

import dev.loadharness.runtime.concurrency.LoadSignals;
import dev.loadharness.runtime.concurrency.SlotKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.HdrHistogram.Histogram;

/**
 * {@link LoadSignals} from the runtime's exact metrics: the latest interval's schedule-to-start and
 * successful-poll p95 per slot kind, plus this JVM's CPU load and heap use.
 */
public final class MetricsLoadSignals implements LoadSignals {
  private volatile IntervalSnapshot latest;
  private final ProcessCpuLoad cpu;
  private final MetricsLoadSignals source;
  private final String taskQueue;

  /** Signals over every task queue of the process. */
  public MetricsLoadSignals() {
    this(null, null);
  }

  private MetricsLoadSignals(MetricsLoadSignals source, String taskQueue) {
    this.cpu = source == null ? ProcessCpuLoad.ofThisJvm() : source.cpu;
    this.source = source;
    this.taskQueue = taskQueue;
  }

  /** A view restricted to series tagged with {@code queue}, for one worker's controller. */
  public LoadSignals forTaskQueue(String queue) {
    return new MetricsLoadSignals(this, queue);
  }

  /** Remembers the newest interval; called by the metrics loop. */
  public void accept(IntervalSnapshot snapshot) {
    latest = snapshot;
  }

  private boolean matches(SeriesKey key, String name) {
    return key.name().equals(name) && (taskQueue == null || taskQueue.equals(key.tag("task_queue")));
  }

  private Histogram merged(IntervalSnapshot snapshot, String name, String pollerType) {
    // Auto-resizing, as in IntervalSnapshot.merged: the controller asks several times per interval.
    Histogram merged = new Histogram(ExactMetrics.SIGNIFICANT_DIGITS);
    snapshot.histograms().forEach((key, h) -> {
      if (matches(key, name) && (pollerType == null || pollerType.equals(key.tag("poller_type")))) {
        merged.add(h);
      }
    });
    return merged;
  }

  @Override
  public Sample sample(SlotKind kind) {
    IntervalSnapshot snapshot = source == null ? latest : source.latest;
    double scheduleToStart = Double.NaN;
    double poll = Double.NaN;
    if (snapshot != null) {
      scheduleToStart = switch (kind) {
        case WORKFLOW -> p95Millis(merged(snapshot, MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, null));
        case ACTIVITY -> p95Millis(merged(snapshot, MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, null));
        case LOCAL_ACTIVITY -> Double.NaN;
      };
      String pollerType = switch (kind) {
        case WORKFLOW -> "workflow_task";
        case ACTIVITY -> "activity_task";
        case LOCAL_ACTIVITY -> null;
      };
      if (pollerType != null) {
        poll = p95Millis(merged(snapshot, MetricNames.POLL_LATENCY_MS, pollerType));
      }
    }
    return new Sample(scheduleToStart, poll, cpu.load(), heapUsedFraction());
  }

  private static double p95Millis(Histogram histogram) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(95) / 1000.0;
  }

  private static double heapUsedFraction() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getMax() <= 0 ? Double.NaN : (double) heap.getUsed() / heap.getMax();
  }
}
