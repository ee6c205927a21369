package dev.loadharness.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a replay failure into one line: the root cause first, then where in the history it happened.
 *
 * <p>The SDK reports a replay failure as a query failure whose message carries the whole exception as
 * text: "query failure for workflow_id: ... error=InternalWorkflowTaskException: Failure handling event 4
 * ... {WorkflowTaskStartedEventId=..., CurrentStartedEventId=3}", the stack trace, and "Caused by:" lines
 * down to the real reason (for example Jackson refusing a payload over its string length limit). Only
 * the last "Caused by" says what to fix, so it comes first; the event and id block follow on the same
 * line, with every line break folded.
 */
final class ReplayFailure {

  private static final Pattern WHERE = Pattern.compile("Failure handling event \\d+ of type '[A-Z_]+' during replay\\.?(\\s*\\{[^}]*\\})?");
  private static final Pattern IDS = Pattern.compile("workflow_id: \"([^\"]*)\"\\s*run_id: \"([^\"]*)\"");

  /** Separates the root cause from where it happened, in {@link HistoryOutcome#detail()}. */
  static final String WHERE_SEPARATOR = " -- in: ";

  private ReplayFailure() {}

  /** One line: the root cause, then (if the SDK named it) the event and the id block. */
  static String describe(Throwable failure) {
    List<String> causes = new ArrayList<>();
    for (Throwable t = failure; t != null && causes.size() < 20; t = t.getCause()) {
      causes.add(t.getClass().getName() + ": " + t.getMessage());
    }
    String text = String.valueOf(failure.getMessage());
    String root = null;
    // Causes carried as text (the query failure's "error=" part) are deeper than the Java chain.
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("Caused by: ")) {
        root = l.substring("Caused by: ".length());
      }
    }
    if (root == null) {
      Throwable deepest = failure;
      while (deepest.getCause() != null && deepest.getCause() != deepest) {
        deepest = deepest.getCause();
      }
      root = deepest == failure ? firstErrorOf(text, failure) : deepest.getClass().getName() + ": " + deepest.getMessage();
    }
    StringBuilder line = new StringBuilder(simpleName(fold(root)));
    Matcher where = WHERE.matcher(text);
    Matcher ids = IDS.matcher(text);
    if (where.find()) {
      line.append(WHERE_SEPARATOR).append(fold(where.group()));
      if (ids.find()) {
        line.append(" workflow_id=").append(ids.group(1)).append(" run_id=").append(ids.group(2));
      }
    }
    return line.toString();
  }

  /** The exception named after "error=" in a query failure, else the failure itself, without its stack trace. */
  private static String firstErrorOf(String text, Throwable failure) {
    int error = text.indexOf("error=");
    String s = error >= 0 ? text.substring(error + "error=".length()) : failure.getClass().getName() + ": " + text;
    int trace = s.indexOf("\n\tat ");
    return trace < 0 ? s : s.substring(0, trace);
  }

  /** "java.lang.IllegalStateException: x" -> "IllegalStateException: x". */
  private static String simpleName(String s) {
    int colon = s.indexOf(": ");
    String type = colon < 0 ? s : s.substring(0, colon);
    if (type.indexOf(' ') >= 0) {
      return s;
    }
    return type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : s.substring(colon));
  }

  private static String fold(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
