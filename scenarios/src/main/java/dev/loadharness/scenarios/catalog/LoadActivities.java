package dev.loadharness.scenarios.catalog;

import io.temporal.activity.ActivityInterface;

/** The work catalog workflows schedule: CPU-bound, IO-bound (non-blocking and blocking), payload-heavy and trivial. */
@ActivityInterface
public interface LoadActivities {

  /** Burns {@code cpuMs} of this thread's CPU time on real hashing; returns the digest. */
  long cpu(int cpuMs, long seed);

  /** Completes after {@code ioMs} without holding a worker thread while it waits. */
  String io(int ioMs);

  /**
   * Holds this activity's thread and slot for {@code blockingMs}, as a blocking client (JDBC, a blocking
   * HTTP call) does: the work where the slot count, not CPU, caps a worker's throughput.
   */
  String blockingIo(int blockingMs);

  /** Returns a deterministic string of {@code kilobytes} KB (large payloads through the history). */
  String payload(int kilobytes, long seed);

  /** Returns its input; makes history events at minimal cost. */
  int echo(int value);
}
