package dev.loadharness.jmh.history;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded history shaped like a payload-heavy workflow: a start, then activities scheduled,
 * started and completed with JSON payloads, each followed by a workflow task. Built directly as
 * protobuf so the decode benchmark needs no server; its JSON is the SDK's own {@code toJson}.
 */
public final class SyntheticHistory {
  private final History history;

  private SyntheticHistory(History history) {
    this.history = history;
  }

  /** A history whose JSON form is at least {@code jsonBytes} long, with payloads of {@code payloadBytes}. */
  public static SyntheticHistory of(int jsonBytes, int payloadBytes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    History.Builder history = History.newBuilder();
    TaskQueue queue = TaskQueue.newBuilder().setName("bench").build();
    add(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, e -> e.setWorkflowExecutionStartedEventAttributes(
        WorkflowExecutionStartedEventAttributes.newBuilder()
            .setWorkflowType(WorkflowType.newBuilder().setName("BulkyWorkflow"))
            .setTaskQueue(queue)
            .setInput(payloads(random, payloadBytes))));
    addWorkflowTask(history, queue);
    int approxJson = 0;
    while (approxJson < jsonBytes) {
      long scheduled = history.getEventsCount() + 1;
      add(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, e -> e.setActivityTaskScheduledEventAttributes(
          ActivityTaskScheduledEventAttributes.newBuilder()
              .setActivityId(Long.toString(scheduled))
              .setActivityType(ActivityType.newBuilder().setName("Transform"))
              .setTaskQueue(queue)
              .setInput(payloads(random, payloadBytes))));
      add(history, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, e -> e.setActivityTaskStartedEventAttributes(
          ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduled).setAttempt(1)));
      add(history, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, e -> e.setActivityTaskCompletedEventAttributes(
          ActivityTaskCompletedEventAttributes.newBuilder()
              .setScheduledEventId(scheduled)
              .setStartedEventId(scheduled + 1)
              .setResult(payloads(random, payloadBytes))));
      addWorkflowTask(history, queue);
      // Base64 grows payload bytes by 4/3; each event carries ~250 bytes of JSON structure.
      approxJson += 2 * payloadBytes * 4 / 3 + 6 * 250;
    }
    return new SyntheticHistory(history.build());
  }

  private static void addWorkflowTask(History.Builder history, TaskQueue queue) {
    long scheduled = history.getEventsCount() + 1;
    add(history, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, e -> e.setWorkflowTaskScheduledEventAttributes(
        WorkflowTaskScheduledEventAttributes.newBuilder().setTaskQueue(queue).setAttempt(1)));
    add(history, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, e -> e.setWorkflowTaskStartedEventAttributes(
        WorkflowTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduled).setIdentity("bench-worker")));
    add(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, e -> e.setWorkflowTaskCompletedEventAttributes(
        WorkflowTaskCompletedEventAttributes.newBuilder()
            .setScheduledEventId(scheduled)
            .setStartedEventId(scheduled + 1)
            .setIdentity("bench-worker")));
  }

  private static void add(
      History.Builder history, EventType type, java.util.function.Consumer<HistoryEvent.Builder> attributes) {
    long id = history.getEventsCount() + 1;
    HistoryEvent.Builder event =
        HistoryEvent.newBuilder()
            .setEventId(id)
            .setEventType(type)
            .setEventTime(Timestamp.newBuilder().setSeconds(1_763_856_000L + id).setNanos((int) (id * 1000)));
    attributes.accept(event);
    history.addEvents(event);
  }

  private static Payloads payloads(SplittableRandom random, int bytes) {
    StringBuilder json = new StringBuilder(bytes + 32).append("{\"records\":[");
    while (json.length() < bytes) {
      json.append("{\"id\":").append(random.nextInt(1_000_000)).append(",\"v\":\"")
          .append(Long.toHexString(random.nextLong())).append("\"},");
    }
    json.setCharAt(json.length() - 1, ']');
    json.append('}');
    return Payloads.newBuilder()
        .addPayloads(Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json.toString(), StandardCharsets.UTF_8)))
        .build();
  }

  /** The protobuf message. */
  public History history() {
    return history;
  }

  /** The binary protobuf form. */
  public byte[] protobuf() {
    return history.toByteArray();
  }

  /** The SDK's JSON form (what {@code WorkflowExecutionHistory.toJson} writes). */
  public String json() {
    return new WorkflowExecutionHistory(history).toJson(false);
  }

  /** {@link #json()} gzipped. */
  public byte[] jsonGzip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
