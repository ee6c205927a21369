package dev.loadharness.runtime.concurrency.limit;

import java.util.Objects;

/**
 * The outcome of one control step.
 *
 * @param limit the limit to apply from now on
 * @param direction whether it went up, down or held
 * @param reason one human-readable line naming the signal that decided it
 */
public record LimitDecision(int limit, Direction direction, String reason) {

  public LimitDecision {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(reason, "reason");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
  }
}
