package dev.loadharness.runtime.history;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Accumulates what {@code --decode-only} reports about a history: events by type and the time span. */
public final class HistoryStats implements HistoryEventSink {

  private final EnumMap<EventType, Integer> byType = new EnumMap<>(EventType.class);
  private int events;
  private Timestamp first;
  private Timestamp last;
  private String workflowType = "";
  private String workflowId = "";

  @Override
  public void accept(int index, HistoryEvent event) {
    events++;
    byType.merge(event.getEventType(), 1, Integer::sum);
    if (event.hasEventTime()) {
      if (first == null) {
        first = event.getEventTime();
      }
      last = event.getEventTime();
    }
    if (index == 0 && event.hasWorkflowExecutionStartedEventAttributes()) {
      workflowType = event.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
      workflowId = event.getWorkflowExecutionStartedEventAttributes().getWorkflowId();
    }
  }

  /** Number of events seen. */
  public int events() {
    return events;
  }

  /** Event counts by type, in enum order. */
  public Map<EventType, Integer> byType() {
    return Collections.unmodifiableMap(byType);
  }

  /** Time of the first event, if any event had one. */
  public Optional<Instant> firstEventTime() {
    return Optional.ofNullable(first).map(HistoryStats::toInstant);
  }

  /** Time of the last event, if any event had one. */
  public Optional<Instant> lastEventTime() {
    return Optional.ofNullable(last).map(HistoryStats::toInstant);
  }

  /** The workflow type named by the started event, or "". */
  public String workflowType() {
    return workflowType;
  }

  /** The workflow id recorded in the started event (newer servers write it), or "". */
  public String workflowId() {
    return workflowId;
  }

  private static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
