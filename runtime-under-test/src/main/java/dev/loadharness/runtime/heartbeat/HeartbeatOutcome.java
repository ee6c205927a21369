package dev.loadharness.runtime.heartbeat;

/** What became of one heartbeat call; the {@code outcome} tag of the heartbeat counter. */
public enum HeartbeatOutcome {
  /** Passed on to the SDK, which sends it or coalesces it under its own throttle. */
  SENT("sent"),
  /** Held back by the adaptive throttle; the next heartbeat after the interval carries newer details. */
  THROTTLED("throttled"),
  /** The heartbeat call reported a heartbeat timeout. */
  TIMED_OUT("timed_out");

  private final String tag;

  HeartbeatOutcome(String tag) {
    this.tag = tag;
  }

  /** The metric tag value. */
  public String tag() {
    return tag;
  }
}
