package dev.loadharness.runtime.history;

import io.temporal.api.history.v1.HistoryEvent;

/** Receives events one at a time, in history order, as a decoder produces them. */
@FunctionalInterface
public interface HistoryEventSink {

  /** Accepts the event at the given zero-based index. */
  void accept(int index, HistoryEvent event);
}
