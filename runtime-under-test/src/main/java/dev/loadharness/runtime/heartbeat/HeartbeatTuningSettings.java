package dev.loadharness.runtime.heartbeat;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and steps of the per-activity-type heartbeat throttle, as fractions of each activity's
 * heartbeat timeout.
 *
 * @param initialFraction the throttle a type starts with, as a fraction of its heartbeat timeout
 * @param minFraction the smallest throttle (most frequent heartbeats), > 0
 * @param maxFraction the largest throttle, < 1 so a heartbeat always lands inside the timeout
 * @param latencyTarget heartbeat RPC latency above this widens the throttle (fewer RPCs)
 * @param widenFactor multiplier applied to the fraction when RPC latency is above target, > 1
 * @param narrowOnTimeout multiplier applied on a heartbeat timeout, (0, 1)
 * @param narrowOnRetry multiplier applied when an attempt is a retry, (0, 1]
 * @param latencySmoothing weight of the newest RPC latency in its moving average, (0, 1]
 */
public record HeartbeatTuningSettings(
    double initialFraction,
    double minFraction,
    double maxFraction,
    Duration latencyTarget,
    double widenFactor,
    double narrowOnTimeout,
    double narrowOnRetry,
    double latencySmoothing) {

  public HeartbeatTuningSettings {
    Objects.requireNonNull(latencyTarget, "HeartbeatTuningSettings.latencyTarget");
    requireIn("minFraction", minFraction, 1e-6, 0.999);
    requireIn("maxFraction", maxFraction, minFraction, 0.999);
    requireIn("initialFraction", initialFraction, minFraction, maxFraction);
    if (latencyTarget.isNegative() || latencyTarget.isZero()) {
      throw new IllegalArgumentException(
          "HeartbeatTuningSettings.latencyTarget must be > 0, got " + latencyTarget);
    }
    requireIn("widenFactor", widenFactor, 1.000001, 10);
    requireIn("narrowOnTimeout", narrowOnTimeout, 1e-6, 0.999999);
    requireIn("narrowOnRetry", narrowOnRetry, 1e-6, 1);
    requireIn("latencySmoothing", latencySmoothing, 1e-6, 1);
  }

  /** Start at half the timeout, stay within 5%..80% of it, widen past 250 ms RPC latency. */
  public static HeartbeatTuningSettings defaults() {
    return new HeartbeatTuningSettings(0.5, 0.05, 0.8, Duration.ofMillis(250), 1.25, 0.5, 0.9, 0.3);
  }

  private static void requireIn(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "HeartbeatTuningSettings." + name + " must be within " + min + ".." + max + ", got " + value);
    }
  }
}
