package dev.loadharness.runtime.history;

import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;

/** Keeps the decoded events as a {@link History} (replay needs them all) and their statistics. */
public final class HistoryCollector implements HistoryEventSink {

  private final History.Builder history = History.newBuilder();
  private final HistoryStats stats = new HistoryStats();
  private final boolean keepEvents;

  /** A collector that keeps events when keepEvents is true, else only counts them. */
  public HistoryCollector(boolean keepEvents) {
    this.keepEvents = keepEvents;
  }

  @Override
  public void accept(int index, HistoryEvent event) {
    stats.accept(index, event);
    if (keepEvents) {
      history.addEvents(event);
    }
  }

  /** The history built so far (empty when events are not kept). */
  public History history() {
    return history.build();
  }

  /** The statistics of the events seen. */
  public HistoryStats stats() {
    return stats;
  }
}
