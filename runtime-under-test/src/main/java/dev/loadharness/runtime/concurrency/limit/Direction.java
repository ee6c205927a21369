package dev.loadharness.runtime.concurrency.limit;

/** Which way a control step moved a limit. */
public enum Direction {
  UP("up"),
  DOWN("down"),
  HOLD("hold");

  private final String tag;

  Direction(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code direction} metric tag. */
  public String tag() {
    return tag;
  }
}
