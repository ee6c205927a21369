package dev.loadharness.gatling.pipeline;

import java.io.PrintStream;
import java.util.List;

/**
 * Where a distributed run's segments run: a fleet of drivers that takes one task per segment and returns one
 * result per segment (a retried segment's last attempt). The coordination itself (Temporal, in
 * {@code gatling.distributed}) is behind this interface, so the pipeline composes it like any other phase.
 */
public interface SegmentFleet extends AutoCloseable {

  /** Runs every task, printing progress to {@code out}; throws {@link FleetException} when a segment is lost. */
  List<SegmentResult> run(List<SegmentTask> tasks, PrintStream out);

  /** Asks the running segments to stop (a signal); {@link #run} then ends with a {@link FleetException}. */
  void cancel(String reason);

  /** One line: what the fleet is (local driver JVMs, an external fleet on a task queue). */
  String describe();

  /** Releases what the fleet holds (local driver JVMs are stopped); never throws. */
  @Override
  void close();

  /** Opens the fleet once the run's server is open (local drivers need its address). */
  @FunctionalInterface
  interface Launcher {
    /** The fleet for a run on {@code server}; throws {@link IllegalStateException} when it cannot start. */
    SegmentFleet open(dev.loadharness.scenarios.server.ServerEnvironment server);
  }

  /** The fleet could not bring back every segment's result; the message names the segment and the cause. */
  final class FleetException extends RuntimeException {
    /** A failure of the fleet, described by {@code message}. */
    public FleetException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
