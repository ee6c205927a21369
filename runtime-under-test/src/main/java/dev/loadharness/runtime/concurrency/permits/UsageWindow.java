package dev.loadharness.runtime.concurrency.permits;

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
  private long drops;
  private int inUse;
  private int peakInUse;

  /** Records that a slot started processing a task. */
  public synchronized void onUsed() {
    inUse++;
    peakInUse = Math.max(peakInUse, inUse);
  }

  /** Records a task that completed after {@code serviceNanos} of processing. */
  public synchronized void onCompleted(long serviceNanos) {
    inUse--;
    completed++;
    serviceNanosSum += Math.max(0, serviceNanos);
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

  /** Returns this interval's totals and starts a new interval. */
  public synchronized SlotUsage drain() {
    SlotUsage usage =
        new SlotUsage(
            completed,
            completed == 0 ? Double.NaN : serviceNanosSum / 1e6 / completed,
            drops,
            peakInUse);
    completed = 0;
    serviceNanosSum = 0;
    drops = 0;
    peakInUse = inUse;
    return usage;
  }
}
