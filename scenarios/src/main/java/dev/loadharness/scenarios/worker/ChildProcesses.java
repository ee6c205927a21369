package dev.loadharness.scenarios.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping the child JVMs a run starts (workers, drivers): SIGTERM to all at once so each can hand back
 * what it holds (metrics files, a segment in progress), then SIGKILL whatever outlives the grace period,
 * so no child is ever left behind.
 */
public final class ChildProcesses {
  private ChildProcesses() {}

  /** SIGTERM to every process, then SIGKILL to those still alive after {@code grace}. */
  public static void stop(List<Process> processes, Duration grace) {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      if (!waitFor(p, grace)) {
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(5));
      }
    }
  }

  /** Waits up to {@code timeout} for {@code process} to end; false when it is still alive (or we were interrupted). */
  public static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
