package dev.loadharness.runtime.concurrency.permits;

import dev.loadharness.runtime.concurrency.limit.ServiceTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates what one slot supplier saw during a control interval: task service times measured
 * from {@code markSlotUsed} to a completed release, drops (error releases) and the peak in-use count.
 *
 * <p>Thread-safe: writers and the controller's {@link #drain} synchronize on this object; each call
 * is a few field updates, far cheaper than the task it accounts for.
 */
public final class UsageWindow {

  private long completed;
  private long serviceNanosSum;
  // type -> {completed, service nanos, tasks with a CPU time, their CPU nanos}
  private final Map<String, long[]> byType = new HashMap<>();
  private long drops;
  private int inUse;
  private int peakInUse;

  /** Records that a slot started processing a task. */
  public synchronized void onUsed() {
    inUse++;
    peakInUse = Math.max(peakInUse, inUse);
  }

  /** Records a task of {@code type} that completed after {@code serviceNanos} of processing, CPU unknown. */
  public synchronized void onCompleted(String type, long serviceNanos) {
    onCompleted(type, serviceNanos, -1);
  }

  /**
   * Records a task of {@code type} that completed after {@code serviceNanos} of processing, of which
   * its thread spent {@code cpuNanos} on a CPU ({@code < 0}: unknown).
   */
  public synchronized void onCompleted(String type, long serviceNanos, long cpuNanos) {
    inUse--;
    completed++;
    long nanos = Math.max(0, serviceNanos);
    serviceNanosSum += nanos;
    long[] total = byType.computeIfAbsent(type == null ? "" : type, t -> new long[4]);
    total[0]++;
    total[1] += nanos;
    if (cpuNanos >= 0) {
      total[2]++;
      total[3] += cpuNanos;
    }
  }

  /** Records a used slot released by an error: a drop for the controller. */
  public synchronized void onDropped() {
    inUse--;
    drops++;
  }

  /** Records a used slot released without a usable sample (e.g. the task will be retried). */
  public synchronized void onReleasedWithoutSample() {
    inUse--;
  }

  /** Slots currently processing a task. */
  public synchronized int inUse() {
    return inUse;
  }

  private Map<String, ServiceTime> types() {
    Map<String, ServiceTime> types = new HashMap<>();
    byType.forEach((type, total) -> types.put(type, new ServiceTime(total[0], total[1] / 1e6 / total[0],
        total[2] == 0 ? Double.NaN : total[3] / 1e6 / total[2])));
    return types;
  }

  /** Returns this interval's totals and starts a new interval. */
  public synchronized SlotUsage drain() {
    SlotUsage usage =
        new SlotUsage(
            completed,
            completed == 0 ? Double.NaN : serviceNanosSum / 1e6 / completed,
            drops,
            peakInUse,
            types());
    byType.clear();
    completed = 0;
    serviceNanosSum = 0;
    drops = 0;
    peakInUse = inUse;
    return usage;
  }
}
