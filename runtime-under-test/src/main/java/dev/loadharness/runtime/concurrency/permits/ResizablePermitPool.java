package dev.loadharness.runtime.concurrency.permits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * An asynchronous counting semaphore whose limit can be moved while permits are out.
 *
 * <p><b>Concurrency contract.</b> Every state change (grant, release, resize, abort) happens under
 * one monitor, so {@code issued} and the FIFO of waiters are always consistent; futures are
 * completed only after the monitor is released, so a caller's continuation never runs while holding
 * it. A permit is granted only while {@code issued < limit}, hence {@code issued} never exceeds the
 * largest limit ever set. Shrinking never revokes: holders keep their permits and new grants resume
 * once releases bring {@code issued} below the new limit. Growing grants queued waiters at once, in
 * arrival order. An abort either removes a still-queued waiter (nothing was issued) or, if the grant
 * won the race, hands the already-issued permit back to the caller, who must {@link #release} it;
 * so no permit is ever lost or counted twice.
 *
 * @param <P> the permit type handed to waiters
 */
public final class ResizablePermitPool<P> {

  private final Supplier<P> permitFactory;
  private final ArrayDeque<Waiter<P>> waiters = new ArrayDeque<>();
  private int limit;
  private int issued;

  /** Creates a pool that hands out up to {@code initialLimit} permits made by {@code permitFactory}. */
  public ResizablePermitPool(int initialLimit, Supplier<P> permitFactory) {
    if (initialLimit < 0) {
      throw new IllegalArgumentException("initialLimit must be >= 0, got " + initialLimit);
    }
    this.limit = initialLimit;
    this.permitFactory = permitFactory;
  }

  /** Returns a waiter that completes with a permit as soon as one is free under the current limit. */
  public Waiter<P> acquire() {
    Waiter<P> waiter = new Waiter<>(this);
    P granted = null;
    synchronized (this) {
      if (waiters.isEmpty() && issued < limit) {
        issued++;
        granted = permitFactory.get();
        waiter.permit = granted;
      } else {
        waiters.addLast(waiter);
      }
    }
    if (granted != null) {
      waiter.complete(granted);
    }
    return waiter;
  }

  /** Takes a permit only if one is free now and nobody is queued ahead; never blocks. */
  public Optional<P> tryAcquire() {
    synchronized (this) {
      if (!waiters.isEmpty() || issued >= limit) {
        return Optional.empty();
      }
      issued++;
      return Optional.of(permitFactory.get());
    }
  }

  /** Returns one issued permit to the pool and wakes the next waiter if the limit allows. */
  public void release() {
    List<Waiter<P>> toComplete;
    synchronized (this) {
      if (issued == 0) {
        throw new IllegalStateException("release without an issued permit");
      }
      issued--;
      toComplete = grantWhileRoom();
    }
    completeAll(toComplete);
  }

  /** Moves the limit; growing wakes waiters at once, shrinking takes effect as permits return. */
  public void setLimit(int newLimit) {
    if (newLimit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + newLimit);
    }
    List<Waiter<P>> toComplete;
    synchronized (this) {
      limit = newLimit;
      toComplete = grantWhileRoom();
    }
    completeAll(toComplete);
  }

  /** The current limit. */
  public synchronized int limit() {
    return limit;
  }

  /** Permits handed out and not yet released. */
  public synchronized int issued() {
    return issued;
  }

  /** Acquisitions queued for a permit. */
  public synchronized int waiting() {
    return waiters.size();
  }

  private List<Waiter<P>> grantWhileRoom() {
    List<Waiter<P>> granted = new ArrayList<>();
    while (issued < limit && !waiters.isEmpty()) {
      Waiter<P> next = waiters.pollFirst();
      issued++;
      next.permit = permitFactory.get();
      granted.add(next);
    }
    return granted;
  }

  private static <P> void completeAll(List<Waiter<P>> granted) {
    for (Waiter<P> waiter : granted) {
      waiter.complete(waiter.permit);
    }
  }

  private P abort(Waiter<P> waiter) {
    synchronized (this) {
      if (waiter.permit != null) {
        return waiter.permit;
      }
      waiters.remove(waiter);
    }
    waiter.completeExceptionally(new CancellationException("permit reservation aborted"));
    return null;
  }

  /**
   * One pending acquisition: completes with its permit once granted.
   *
   * @param <P> the permit type
   */
  public static final class Waiter<P> extends CompletableFuture<P> {
    private final ResizablePermitPool<P> pool;
    // Written only under the pool's monitor; non-null once granted.
    private P permit;

    private Waiter(ResizablePermitPool<P> pool) {
      this.pool = pool;
    }

    /**
     * Gives up waiting: returns null if no permit was granted (nothing to release), or the permit
     * that was granted first, which the caller now owns and must release.
     */
    public P abort() {
      return pool.abort(this);
    }
  }
}
