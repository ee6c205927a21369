package dev.loadharness.gatling.action;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Names an error by its cause, never by workflow id or message text, so Gatling's error table groups
 * 128 failures of one kind into one line: "WorkflowFailed/ActivityFailure/TimeoutFailure(SCHEDULE_TO_CLOSE)".
 */
public final class Causes {
  private Causes() {}

  /** The grouping key of {@code error}. */
  public static String of(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof TimeoutException) {
      return "TimedOut(time budget)";
    }
    if (e instanceof StatusRuntimeException s) {
      return "gRPC " + s.getStatus().getCode();
    }
    StringBuilder key = new StringBuilder(e instanceof WorkflowException
        ? e.getClass().getSimpleName().replace("Exception", "")
        : e.getClass().getSimpleName());
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
      key.append('/').append(cause.getClass().getSimpleName());
      if (cause instanceof TimeoutFailure t) {
        key.append('(').append(t.getTimeoutType().name().replace("TIMEOUT_TYPE_", "")).append(')');
      } else if (cause instanceof ApplicationFailure a) {
        key.append('(').append(a.getType()).append(')');
      } else if (cause instanceof ActivityFailure a) {
        key.append('(').append(a.getActivityType()).append(')');
      }
    }
    return key.toString();
  }

  /** Strips the wrappers futures add. */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
