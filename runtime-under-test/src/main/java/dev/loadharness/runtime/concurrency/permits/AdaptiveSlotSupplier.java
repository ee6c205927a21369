package dev.loadharness.runtime.concurrency.permits;

import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.LocalActivitySlotInfo;
import io.temporal.worker.tuning.SlotInfo;
import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReleaseReason;
import io.temporal.worker.tuning.SlotReserveContext;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import io.temporal.worker.tuning.WorkflowSlotInfo;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A Temporal {@link SlotSupplier} backed by a {@link ResizablePermitPool}, so a controller can move
 * its limit at run time, that measures each task from {@code markSlotUsed} to its release.
 *
 * <p>Release reasons map to controller samples as Netflix concurrency-limits maps requests:
 * TaskComplete is a success sample, NeverUsed is ignored (the slot held no task), Error is a drop,
 * WillRetry is released without a sample. {@link #getMaximumSlots} reports the configured maximum,
 * because the SDK sizes its task executors from it and the limit never exceeds it.
 *
 * <p>With a {@link ThreadCpuClock}, each task's CPU time is measured too: SDK 1.38 calls
 * {@code markSlotUsed}, runs an activity and releases its slot on one executor thread
 * ({@code ActivityWorker.TaskHandlerImpl.handle}), so the thread's CPU time between the two is the
 * task's. A release on another thread (asynchronous completion, or a workflow task whose code runs on
 * workflow threads) leaves the CPU time unknown rather than wrong.
 *
 * @param <SI> the SDK's slot info type for this kind of task
 */
public final class AdaptiveSlotSupplier<SI extends SlotInfo> implements SlotSupplier<SI> {

  private final ResizablePermitPool<SlotPermit> pool;
  private final int maximumSlots;
  private final LongSupplier nanoClock;
  private final ThreadCpuClock cpuClock;
  private final UsageWindow window = new UsageWindow();

  /** Creates a supplier starting at {@code initialLimit} that never hands out more than {@code maximumSlots}. */
  public AdaptiveSlotSupplier(int initialLimit, int maximumSlots, LongSupplier nanoClock) {
    this(initialLimit, maximumSlots, nanoClock, ThreadCpuClock.NONE);
  }

  /** As the three-argument constructor, measuring each task's CPU time with {@code cpuClock}. */
  public AdaptiveSlotSupplier(int initialLimit, int maximumSlots, LongSupplier nanoClock, ThreadCpuClock cpuClock) {
    if (initialLimit < 1 || initialLimit > maximumSlots) {
      throw new IllegalArgumentException(
          "initialLimit must be within 1.." + maximumSlots + ", got " + initialLimit);
    }
    this.maximumSlots = maximumSlots;
    this.nanoClock = nanoClock;
    this.cpuClock = cpuClock;
    this.pool = new ResizablePermitPool<>(initialLimit, () -> new SlotPermit(new UsageMark()));
  }

  @Override
  public SlotSupplierFuture reserveSlot(SlotReserveContext<SI> ctx) {
    ResizablePermitPool.Waiter<SlotPermit> waiter = pool.acquire();
    Reservation reservation = new Reservation(waiter);
    waiter.whenComplete(
        (permit, failure) -> {
          if (failure != null) {
            reservation.completeExceptionally(failure);
          } else {
            reservation.complete(permit);
          }
        });
    return reservation;
  }

  @Override
  public Optional<SlotPermit> tryReserveSlot(SlotReserveContext<SI> ctx) {
    return pool.tryAcquire();
  }

  @Override
  public void markSlotUsed(SlotMarkUsedContext<SI> ctx) {
    if (ctx.getSlotPermit().userData instanceof UsageMark mark) {
      mark.type = typeOf(ctx.getSlotInfo());
      mark.thread = Thread.currentThread();
      mark.cpuAtUse = cpuClock.currentThreadCpuNanos();
      mark.usedAtNanos = nanoClock.getAsLong();
      window.onUsed();
    }
  }

  @Override
  public void releaseSlot(SlotReleaseContext<SI> ctx) {
    if (ctx.getSlotPermit().userData instanceof UsageMark mark && mark.usedAtNanos != UsageMark.UNUSED) {
      SlotReleaseReason reason = ctx.getSlotReleaseReason();
      if (reason instanceof SlotReleaseReason.TaskComplete) {
        window.onCompleted(mark.type, nanoClock.getAsLong() - mark.usedAtNanos, cpuNanos(mark));
      } else if (reason.isError()) {
        window.onDropped();
      } else {
        window.onReleasedWithoutSample();
      }
      mark.usedAtNanos = UsageMark.UNUSED;
      mark.thread = null;
    }
    pool.release();
  }

  @Override
  public Optional<Integer> getMaximumSlots() {
    return Optional.of(maximumSlots);
  }

  /** Moves the limit, clamped to 1..maximum slots. */
  public void setLimit(int limit) {
    pool.setLimit(Math.max(1, Math.min(maximumSlots, limit)));
  }

  /** The current limit. */
  public int limit() {
    return pool.limit();
  }

  /** Permits reserved and not yet released, used or not. */
  public int issued() {
    return pool.issued();
  }

  /** Reservations queued for a permit: demand this worker cannot serve yet. */
  public int waiting() {
    return pool.waiting();
  }

  /** Slots currently processing a task. */
  public int inUse() {
    return window.inUse();
  }

  /** Returns this interval's service times, drops and peak usage, and starts a new interval. */
  public SlotUsage drainUsage() {
    return window.drain();
  }

  @Override
  public String toString() {
    return "AdaptiveSlotSupplier{limit=" + limit() + ", max=" + maximumSlots + "}";
  }

  private long cpuNanos(UsageMark mark) {
    if (mark.thread != Thread.currentThread() || mark.cpuAtUse < 0) {
      return -1;
    }
    long now = cpuClock.currentThreadCpuNanos();
    return now < 0 ? -1 : Math.max(0, now - mark.cpuAtUse);
  }

  /** The workflow or activity type of a task, "" when the slot info (or its task info) does not say. */
  static String typeOf(SlotInfo info) {
    String type = null;
    if (info instanceof WorkflowSlotInfo workflow) {
      type = workflow.getWorkflowType();
    } else if (info instanceof ActivitySlotInfo activity && activity.getActivityInfo() != null) {
      type = activity.getActivityInfo().getActivityType();
    } else if (info instanceof LocalActivitySlotInfo local && local.getActivityInfo() != null) {
      type = local.getActivityInfo().getActivityType();
    }
    return type == null ? "" : type;
  }

  /** Per-permit state: when the slot was marked used and for which task type (the SDK's task thread). */
  private static final class UsageMark {
    static final long UNUSED = Long.MIN_VALUE;
    volatile long usedAtNanos = UNUSED;
    volatile String type = "";
    volatile Thread thread;
    volatile long cpuAtUse = -1;
  }

  /** The SDK-facing future: aborting it returns the pool's permit if the grant won the race. */
  private static final class Reservation extends SlotSupplierFuture {
    private final ResizablePermitPool.Waiter<SlotPermit> waiter;

    Reservation(ResizablePermitPool.Waiter<SlotPermit> waiter) {
      this.waiter = waiter;
    }

    @Override
    public SlotPermit abortReservation() {
      SlotPermit granted = waiter.abort();
      if (granted == null) {
        completeExceptionally(new java.util.concurrent.CancellationException("Reservation aborted"));
      }
      return granted;
    }
  }
}
