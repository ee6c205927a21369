package dev.loadharness.gatling.pipeline;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the server, once per tick, whether it answers (GetSystemInfo, 2 s deadline). A server that has not
 * answered for {@code bound} is gone: the run stops injecting rather than piling up starts that can never
 * return, and ends as an environment error.
 */
final class ServerWatch {
  private final WorkflowServiceStubs stubs;
  private final Duration bound;
  private long failingSinceNanos = -1;
  private String lastError = "";

  ServerWatch(WorkflowServiceStubs stubs, Duration bound) {
    this.stubs = stubs;
    this.bound = bound;
  }

  /** Checks once; returns why the server counts as gone, once it has failed for longer than the bound. */
  Optional<String> check() {
    try {
      stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      failingSinceNanos = -1;
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      lastError = e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
          : " (" + e.getStatus().getDescription() + ")");
      long now = System.nanoTime();
      if (failingSinceNanos < 0) {
        failingSinceNanos = now;
      }
      Duration failing = Duration.ofNanos(now - failingSinceNanos);
      return failing.compareTo(bound) >= 0
          ? Optional.of("server unreachable for " + failing.toSeconds() + " s: " + lastError)
          : Optional.empty();
    }
  }
}
