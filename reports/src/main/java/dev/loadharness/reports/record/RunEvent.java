package dev.loadharness.reports.record;

/**
 * Something that happened during a run that the numbers alone do not show: a worker process that died, a
 * worker the scenario killed on purpose, the server becoming unreachable, a signal.
 *
 * @param atS seconds since the run directory was created
 * @param kind what happened, e.g. {@code worker_died}, {@code worker_killed}, {@code server_unreachable}
 * @param subject what it happened to, e.g. {@code worker-1}
 * @param detail one line of detail (exit code, cause)
 */
public record RunEvent(double atS, String kind, String subject, String detail) {
  /** A worker process ended that the scenario did not stop. */
  public static final String WORKER_DIED = "worker_died";
  /** The scenario killed a worker on purpose (worker-restart). */
  public static final String WORKER_KILLED = "worker_killed";

  /** Validates the kind. */
  public RunEvent {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("events[].kind must be non-blank");
    }
    subject = subject == null ? "" : subject;
    detail = detail == null ? "" : detail;
  }
}
