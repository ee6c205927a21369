package dev.loadharness.runtime.concurrency;

/** The three kinds of task slot a Temporal worker hands out; each has its own limit. */
public enum SlotKind {
  WORKFLOW("workflow"),
  ACTIVITY("activity"),
  LOCAL_ACTIVITY("local_activity");

  private final String tag;

  SlotKind(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code slot_kind} metric tag. */
  public String tag() {
    return tag;
  }
}
