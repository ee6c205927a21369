package dev.loadharness.runtime;

/** Where an {@link AdaptiveWorkerRuntime} is in its life. */
public enum RuntimeState {
  /** Built; workflows and activities may be registered. */
  CREATED,
  /** Polling. */
  STARTED,
  /** Polling stopped; in-flight tasks finishing. */
  DRAINING,
  /** Everything released. */
  CLOSED
}
