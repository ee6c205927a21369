package dev.loadharness.runtime.heartbeat;

import java.time.Duration;

/**
 * The adaptive heartbeat throttle of one activity type: the least time between two heartbeats
 * passed on to the SDK, as a fraction of the activity's heartbeat timeout.
 *
 * <p>Why these directions: a slow heartbeat RPC means the server (or the path to it) is loaded, so
 * the type heartbeats less often (multiplicative widen); a heartbeat timeout or a retried attempt
 * means heartbeats arrived too late, so it heartbeats more often (multiplicative narrow, the AIMD
 * asymmetry that converges under contention). The fraction stays in [min, max] with max < 1, and
 * the throttle also keeps twice the smoothed RPC latency free before the timeout, so a throttled
 * heartbeat still lands inside the timeout.
 *
 * <p>Thread-safe: activities of one type run concurrently; all state is guarded by this object.
 */
public final class HeartbeatThrottle {

  private final HeartbeatTuningSettings settings;
  private double fraction;
  private double smoothedLatencyMillis = Double.NaN;

  /** Creates a throttle at the settings' initial fraction. */
  public HeartbeatThrottle(HeartbeatTuningSettings settings) {
    this.settings = settings;
    this.fraction = settings.initialFraction();
  }

  /** The throttle for an activity with this heartbeat timeout; zero means pass every heartbeat on. */
  public synchronized Duration interval(Duration heartbeatTimeout) {
    if (heartbeatTimeout.isZero() || heartbeatTimeout.isNegative()) {
      return Duration.ZERO;
    }
    long timeoutMillis = heartbeatTimeout.toMillis();
    double margin = Double.isNaN(smoothedLatencyMillis) ? 0 : 2 * smoothedLatencyMillis;
    double millis = Math.min(fraction * timeoutMillis, timeoutMillis - margin);
    long floor = Math.max(1, (long) (settings.minFraction() * timeoutMillis));
    return Duration.ofMillis(Math.max(floor, (long) millis));
  }

  /** Records how long a heartbeat that reached the SDK took; slow ones widen the throttle. */
  public synchronized void onHeartbeatLatency(Duration latency) {
    double millis = latency.toNanos() / 1e6;
    double a = settings.latencySmoothing();
    smoothedLatencyMillis = Double.isNaN(smoothedLatencyMillis) ? millis : smoothedLatencyMillis * (1 - a) + millis * a;
    if (smoothedLatencyMillis > settings.latencyTarget().toMillis()) {
      fraction = Math.min(settings.maxFraction(), fraction * settings.widenFactor());
    }
  }

  /** Records a heartbeat timeout of this type: heartbeat more often. */
  public synchronized void onHeartbeatTimeout() {
    fraction = Math.max(settings.minFraction(), fraction * settings.narrowOnTimeout());
  }

  /** Records that an attempt of this type is a retry: heartbeat a little more often. */
  public synchronized void onRetry() {
    fraction = Math.max(settings.minFraction(), fraction * settings.narrowOnRetry());
  }

  /** The current fraction of the heartbeat timeout. */
  public synchronized double fraction() {
    return fraction;
  }

  /** The smoothed latency of heartbeats that reached the SDK, NaN before the first. */
  public synchronized double smoothedLatencyMillis() {
    return smoothedLatencyMillis;
  }
}
