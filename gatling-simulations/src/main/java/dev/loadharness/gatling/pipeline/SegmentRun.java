package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.driver.Segment;
import dev.loadharness.scenarios.server.ServerEnvironment;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A driver's side of a distributed run: one segment's injection through the same {@link Injection} phase a
 * single run uses, under a plan whose run id is the coordinator's (so the task queue and the workflow ids are
 * the coordinator's), reporting progress every second and stopping when the progress callback says so (the
 * coordinator cancelled, the driver is shutting down). Measurement and judging are the coordinator's.
 */
public final class SegmentRun {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  private SegmentRun() {}

  /** Receives a progress line; returns a reason to stop the segment, or empty to go on. */
  @FunctionalInterface
  public interface Progress {
    /** Reports {@code line}; a non-empty answer aborts the segment with that reason. */
    Optional<String> report(String line);
  }

  /**
   * Runs {@code task}'s segment against {@code server} with {@code client}, its files under {@code driverDir}.
   *
   * @param attempt which attempt of the segment this is (1 unless it was retried)
   * @param driver this driver's name, for the record
   * @param previousAttempt the previous attempt's last progress line, when retried
   */
  public static SegmentResult run(SegmentTask task, int attempt, String driver, Optional<String> previousAttempt,
      ServerEnvironment server, WorkflowClient client, Path driverDir, PrintStream out, Progress progress) {
    Segment segment = task.segment();
    RunPlan plan = plan(task, attempt, driverDir);
    out.println(driver + ": " + segment.id() + " of " + task.runId() + " (attempt " + attempt + "), "
        + segment.workflows(plan.spec().workflows()) + " of " + plan.spec().workflows() + " workflows; files "
        + plan.runDir());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "segment-progress");
      t.setDaemon(true);
      return t;
    });
    AtomicReference<LoadDriver> running = new AtomicReference<>();
    Runnable report = () -> {
      LoadDriver d = running.get();
      if (d != null) {
        progress.report(line(segment, driver, attempt, d.ledger())).ifPresent(d::abort);
      }
    };
    try {
      Injection.Result injection = Injection.run(plan, segment, server, client, Optional.empty(), out, false, d -> {
        running.set(d);
        ticker.scheduleAtFixedRate(report, 0, PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      });
      return SegmentMerge.of(plan, segment, attempt, driver, injection, previousAttempt);
    } finally {
      ticker.shutdownNow();
    }
  }

  private static RunPlan plan(SegmentTask task, int attempt, Path driverDir) {
    // The directory is named by the run id: RunPlan derives the task queue and the id prefix from it.
    Path dir = driverDir.resolve("segments").resolve(task.segment().id() + "-attempt-" + attempt).resolve(task.runId());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the segment's directory " + dir, e);
    }
    RunPlan plan = new RunPlan(task.spec(), dir, Instant.ofEpochMilli(task.plannedAtMs()),
        Duration.ofMillis(task.progressEveryMs()), WorkerCode.head());
    return task.workerQueue() == null ? plan : plan.withWorkerQueue(task.workerQueue());
  }

  /** The progress line a heartbeat carries, and a retried attempt reports about its predecessor. */
  static String line(Segment segment, String driver, int attempt, RunLedger ledger) {
    RunLedger.Counts c = ledger.counts();
    return String.format(Locale.ROOT, "%s attempt %d on %s: started %d, completed %d, failed %d, timed out %d, "
        + "in flight %d", segment.id(), attempt, driver, c.started(), c.completed(), c.failed(), c.timedOut(), c.inFlight());
  }
}
