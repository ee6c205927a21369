package dev.loadharness.scenarios.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits until a server answers real RPCs: GetSystemInfo, then (optionally) DescribeNamespace for the
 * run's namespace. Readiness is asked over gRPC, never assumed after a sleep, and every wait is
 * bounded by a deadline.
 */
final class ServerReadiness {
  /** Codes that mean "not up yet": worth another attempt until the deadline. */
  private static final Set<Status.Code> TRANSIENT =
      EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.NOT_FOUND);

  private static final Duration MAX_ATTEMPT = Duration.ofSeconds(2);
  private static final long MAX_BACKOFF_MS = 500;

  private ServerReadiness() {}

  /**
   * Returns the server version once the server answers, or throws naming the target and the cause.
   *
   * @param label how to name the server in messages, e.g. "dev-server at 127.0.0.1:7233"
   * @param starting false once the server can no longer become ready (its process died)
   */
  static String await(
      ConnectionSettings settings,
      boolean checkNamespace,
      Duration timeout,
      String label,
      BooleanSupplier starting) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(settings.toStubsOptions().build());
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoffMs = 25;
    StatusRuntimeException last = null;
    try {
      while (true) {
        if (!starting.getAsBoolean()) {
          throw new NotStarting(label + " exited before it became ready");
        }
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMs <= 0) {
          break;
        }
        long attemptMs = Math.max(1, Math.min(remainingMs, MAX_ATTEMPT.toMillis()));
        try {
          GetSystemInfoResponse info =
              stubs
                  .blockingStub()
                  .withDeadlineAfter(attemptMs, TimeUnit.MILLISECONDS)
                  .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
          if (checkNamespace) {
            stubs
                .blockingStub()
                .withDeadlineAfter(attemptMs, TimeUnit.MILLISECONDS)
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(settings.namespace()).build());
          }
          return info.getServerVersion();
        } catch (StatusRuntimeException e) {
          if (!TRANSIENT.contains(e.getStatus().getCode())) {
            throw new ServerEnvironmentException(
                label + " refused the connection check: " + describe(settings, e), e);
          }
          last = e;
        }
        sleep(Math.min(backoffMs, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      }
      throw new NotReady(
          label
              + " was not ready within "
              + timeout.toMillis()
              + " ms"
              + (last == null ? "" : ": " + describe(settings, last)),
          last);
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  /** The status and its root cause, with any credential removed. */
  static String describe(ConnectionSettings settings, Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) {
      text.append(" (cause: ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
    }
    String result = text.toString();
    return settings.apiKey().map(key -> key.scrub(result)).orElse(result);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerEnvironmentException("interrupted while waiting for the server", e);
    }
  }

  /** The deadline passed while the server still answered only with transient errors. */
  static final class NotReady extends ServerEnvironmentException {
    private static final long serialVersionUID = 1L;

    NotReady(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The server's process ended while we waited. */
  static final class NotStarting extends ServerEnvironmentException {
    private static final long serialVersionUID = 1L;

    NotStarting(String message) {
      super(message);
    }
  }
}
