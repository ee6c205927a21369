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

  /** Remembers the newest interval; called by the metrics loop. */
  public void accept(IntervalSnapshot snapshot) {
    latest = snapshot;
  }

  @Override
  public Sample sample(SlotKind kind) {
    IntervalSnapshot snapshot = latest;
    double scheduleToStart = Double.NaN;
    double poll = Double.NaN;
    if (snapshot != null) {
      scheduleToStart = switch (kind) {
        case WORKFLOW -> p95Millis(snapshot.merged(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START));
        case ACTIVITY -> p95Millis(snapshot.merged(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START));
        case LOCAL_ACTIVITY -> Double.NaN;
      };
      String pollerType = switch (kind) {
        case WORKFLOW -> "workflow_task";
        case ACTIVITY -> "activity_task";
        case LOCAL_ACTIVITY -> null;
      };
      if (pollerType != null) {
        Histogram merged = new Histogram(ExactMetrics.HIGHEST_TRACKABLE_MICROS, ExactMetrics.SIGNIFICANT_DIGITS);
        snapshot.histograms().forEach((key, h) -> {
          if (key.name().equals(MetricNames.POLL_LATENCY_MS) && pollerType.equals(key.tag("poller_type"))) {
            merged.add(h);
          }
        });
        poll = p95Millis(merged);
      }
    }
    return new Sample(scheduleToStart, poll, processCpuLoad(), heapUsedFraction());
  }

  private static double p95Millis(Histogram histogram) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(95) / 1000.0;
  }

  private static double processCpuLoad() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      return load < 0 ? Double.NaN : load;
    }
    return Double.NaN;
  }

  private static double heapUsedFraction() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getMax() <= 0 ? Double.NaN : (double) heap.getUsed() / heap.getMax();
  }
}
