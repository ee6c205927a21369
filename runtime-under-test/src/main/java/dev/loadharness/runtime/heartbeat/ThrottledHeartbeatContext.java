package dev.loadharness.runtime.heartbeat;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * An activity's execution context that passes a heartbeat on to the SDK only when the type's
 * adaptive throttle interval has passed since the last one it passed on.
 *
 * <p>Held-back heartbeats lose nothing the SDK would have kept: the SDK itself only sends the latest
 * details of a throttle window, and the next heartbeat passed on carries newer ones. Cancellation is
 * not delayed: a held-back heartbeat still checks the cancellation token, as the SDK's does. Every
 * other method delegates unchanged.
 */
final class ThrottledHeartbeatContext extends ActivityExecutionContextBase {

  private final ActivityExecutionContext next;
  private final HeartbeatThrottle throttle;
  private final HeartbeatCounters counters;
  private final String activityType;
  private final LongSupplier nanoClock;
  private final Object lock = new Object();
  private long lastPassedNanos;
  private boolean passedAny;

  ThrottledHeartbeatContext(
      ActivityExecutionContext next, HeartbeatThrottle throttle, HeartbeatCounters counters, LongSupplier nanoClock) {
    super(next);
    this.next = next;
    this.throttle = throttle;
    this.counters = counters;
    this.activityType = next.getInfo().getActivityType();
    this.nanoClock = nanoClock;
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    Duration interval = throttle.interval(next.getInfo().getHeartbeatTimeout());
    long now = nanoClock.getAsLong();
    synchronized (lock) {
      if (passedAny && now - lastPassedNanos < interval.toNanos()) {
        counters.count(activityType, HeartbeatOutcome.THROTTLED);
        next.getCancellationToken().throwIfCancellationRequested();
        return;
      }
      passedAny = true;
      lastPassedNanos = now;
    }
    try {
      next.heartbeat(details);
      throttle.onHeartbeatLatency(Duration.ofNanos(nanoClock.getAsLong() - now));
      counters.count(activityType, HeartbeatOutcome.SENT);
    } catch (ActivityCompletionException e) {
      if (isHeartbeatTimeout(e)) {
        counters.count(activityType, HeartbeatOutcome.TIMED_OUT);
        throttle.onHeartbeatTimeout();
      }
      throw e;
    }
  }

  /** True when the SDK reports a (local or server) heartbeat timeout as the cause. */
  static boolean isHeartbeatTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutFailure tf
          && tf.getTimeoutType() == io.temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
