package dev.loadharness.runtime.replay;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replay diverged from its history, read from the SDK's NonDeterministicException message.
 *
 * @param eventId id of the history event being handled when replay diverged, or -1 if the message has none
 * @param expected what the history recorded (event type and, for a field check, the recorded value)
 * @param actual what the workflow code produced (command type and value), or "no matching command"
 * @param message the SDK's message
 */
public record Divergence(long eventId, String expected, String actual, String message) {

  // "Failure handling event 5 of type 'EVENT_TYPE_TIMER_STARTED' during replay. ..."
  private static final Pattern HANDLING = Pattern.compile("handling event (\\d+) of type '([A-Z_]+)'");
  // "Command COMMAND_TYPE_X doesn't match event EVENT_TYPE_Y with EventId=5 on check C with an expected
  // value 'a' and an actual value 'b'"
  private static final Pattern MISMATCH = Pattern.compile(
      "Command (\\w+) doesn't match event (\\w+) with EventId=(\\d+) on check (\\w+) "
          + "with an expected value '(.*?)' and an actual value '(.*?)'");
  // "Event 5 of type EVENT_TYPE_ACTIVITY_TASK_SCHEDULED does not match command type COMMAND_TYPE_START_TIMER"
  private static final Pattern TYPE_MISMATCH = Pattern.compile(
      "Event (\\d+) of type (\\w+) does not match command type (\\w+)");
  private static final Pattern EVENT_ID = Pattern.compile("EventId=(\\d+)|event (\\d+)|eventId: (\\d+)");

  /** Validates. */
  public Divergence {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(message, "message");
  }

  /** Reads the event id and the expected/actual command out of the SDK's message. */
  public static Divergence fromMessage(String message) {
    String msg = message == null ? "" : message;
    Matcher mismatch = MISMATCH.matcher(msg);
    if (mismatch.find()) {
      return new Divergence(Long.parseLong(mismatch.group(3)),
          mismatch.group(2) + " (" + mismatch.group(4) + "=" + mismatch.group(5) + ")",
          mismatch.group(1) + " (" + mismatch.group(4) + "=" + mismatch.group(6) + ")", msg);
    }
    Matcher typeMismatch = TYPE_MISMATCH.matcher(msg);
    if (typeMismatch.find()) {
      return new Divergence(Long.parseLong(typeMismatch.group(1)), typeMismatch.group(2), typeMismatch.group(3), msg);
    }
    Matcher handling = HANDLING.matcher(msg);
    if (handling.find()) {
      String actual = msg.contains("No command scheduled that corresponds to")
          ? "no matching command (the code no longer schedules it)" : "a different command sequence";
      return new Divergence(Long.parseLong(handling.group(1)), handling.group(2), actual, msg);
    }
    Matcher id = EVENT_ID.matcher(msg);
    long eventId = -1;
    if (id.find()) {
      for (int g = 1; g <= id.groupCount(); g++) {
        if (id.group(g) != null) {
          eventId = Long.parseLong(id.group(g));
          break;
        }
      }
    }
    return new Divergence(eventId, "see message", "see message", msg);
  }
}
