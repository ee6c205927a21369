package dev.loadharness.runtime.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Pollers per worker.
 *
 * @param mode TEMPORAL_POLLER_MODE
 * @param workflowPollers TEMPORAL_WORKFLOW_POLLERS: the fixed count, or the initial count when scaling
 * @param activityPollers TEMPORAL_ACTIVITY_POLLERS: the fixed count, or the initial count when scaling
 * @param minPollers TEMPORAL_POLLERS_MIN: autoscaling floor
 * @param maxPollers TEMPORAL_POLLERS_MAX: autoscaling ceiling
 * @param startJitter TEMPORAL_POLLER_START_JITTER_MS: each runtime waits a random 0..jitter before it
 *     starts polling, so a fleet started at once does not poll in lockstep
 */
public record PollerConfig(
    PollerMode mode, int workflowPollers, int activityPollers, int minPollers, int maxPollers, Duration startJitter) {

  public static final int MAX_POLLERS = 1_000;
  public static final Duration MAX_START_JITTER = Duration.ofMinutes(1);

  public PollerConfig {
    Objects.requireNonNull(mode, "mode");
    Check.range("TEMPORAL_WORKFLOW_POLLERS", workflowPollers, 2, MAX_POLLERS); // one normal + one sticky poll at least
    Check.range("TEMPORAL_ACTIVITY_POLLERS", activityPollers, 1, MAX_POLLERS);
    Check.range("TEMPORAL_POLLERS_MIN", minPollers, 1, MAX_POLLERS);
    Check.range("TEMPORAL_POLLERS_MAX", maxPollers, minPollers, MAX_POLLERS);
    if (mode != PollerMode.FIXED) {
      Check.range("TEMPORAL_WORKFLOW_POLLERS", workflowPollers, minPollers, maxPollers);
      Check.range("TEMPORAL_ACTIVITY_POLLERS", activityPollers, minPollers, maxPollers);
    }
    Check.millis("TEMPORAL_POLLER_START_JITTER_MS", startJitter, 0, MAX_START_JITTER.toMillis());
  }

  /** The SDK's defaults: 5 fixed pollers per kind, 1 s start jitter. */
  public static PollerConfig defaults() {
    return new PollerConfig(PollerMode.FIXED, 5, 5, 1, 100, Duration.ofSeconds(1));
  }
}
