package dev.loadharness.runtime.replay;

import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays histories with the SDK's public {@link Worker#replayWorkflowExecution} against registered
 * implementations.
 *
 * <p>Why not {@code io.temporal.testing.WorkflowReplayer}: it starts an in-process test server per call
 * (temporal-testing plus temporal-test-server on the runtime classpath, hundreds of milliseconds of
 * start-up). A worker replays without ever being started or talking to a server, so the engine builds
 * workers on stubs bound to an in-process {@link OfflineService}, one per parallel slot (a worker's replay state is not
 * meant to be shared by threads), and hands them out from a pool.
 */
public final class ReplayEngine implements AutoCloseable {

  private final WorkflowImplementations implementations;
  private final OfflineService offline;
  private final WorkflowServiceStubs stubs;
  private final WorkerFactory factory;
  private final BlockingQueue<Worker> workers;

  /**
   * The part of an engine that does not depend on the workflows (in-process service, stubs, client,
   * worker factory): about half of a one-history replay's CPU is the SDK initialising its classes here.
   */
  private record Base(OfflineService offline, WorkflowServiceStubs stubs, WorkerFactory factory) {
    static Base create() {
      OfflineService offline = new OfflineService();
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setChannel(offline.channel()).build());
      return new Base(offline, stubs, WorkerFactory.newInstance(WorkflowClient.newInstance(stubs)));
    }
  }

  /**
   * The SDK fails a workflow task whose workflow thread holds control for over a second (deadlock
   * detection). Replay is an offline check, often of many histories at once on a busy machine, where a
   * thread can go that long without CPU: with the default, correct code was REPLAY_FAILED
   * ("PotentialDeadlockException"). A minute still reports workflow code that really never yields.
   */
  static final long DEADLOCK_DETECTION_MS = 60_000;

  private static final AtomicReference<CompletableFuture<Base>> EARLY = new AtomicReference<>();

  /**
   * Starts building the workflow-independent part of the next engine on its own thread, so that it
   * overlaps with parsing the command line and decoding instead of following them. The next engine
   * created takes it; call only when an engine will be created (an unused one lives until the JVM exits).
   */
  public static void prepareEarly() {
    CompletableFuture<Base> f = new CompletableFuture<>();
    if (EARLY.compareAndSet(null, f)) {
      Thread t = new Thread(() -> {
        try {
          f.complete(Base.create());
        } catch (RuntimeException | Error e) {
          f.completeExceptionally(e);
        }
      }, "replay-sdk-setup");
      t.setDaemon(true);
      t.start();
    }
  }

  private static Base base() {
    CompletableFuture<Base> early = EARLY.getAndSet(null);
    if (early != null) {
      try {
        return early.join();
      } catch (RuntimeException e) {
        // fall through: build it here, where a failure is reported to the caller
      }
    }
    return Base.create();
  }

  /** Creates an engine with the given number of workers (the most replays that can run at once). */
  public ReplayEngine(WorkflowImplementations implementations, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.implementations = implementations;
    Base base = base();
    this.offline = base.offline();
    this.stubs = base.stubs();
    this.factory = base.factory();
    this.workers = new ArrayBlockingQueue<>(parallelism);
    WorkerOptions options = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MS).build();
    for (int i = 0; i < parallelism; i++) {
      Worker worker = factory.newWorker("replay-" + i, options);
      worker.registerWorkflowImplementationTypes(implementations.types().toArray(new Class<?>[0]));
      workers.add(worker);
    }
  }

  /** The implementations replays run against. */
  public WorkflowImplementations implementations() {
    return implementations;
  }

  /** Replays one history; never throws for a replay failure, returns it as a result. */
  public ReplayResult replay(String workflowId, History history) throws InterruptedException {
    Worker worker = workers.take();
    try {
      worker.replayWorkflowExecution(new WorkflowExecutionHistory(history, workflowId));
      return ReplayResult.deterministic();
    } catch (Exception e) {
      NonDeterministicException nde = find(e);
      if (nde != null) {
        return ReplayResult.nondeterministic(Divergence.fromMessage(nde.getMessage()));
      }
      // The replay runs as a query; the SDK reports its failure as text ("query failure ... error=<exception
      // and stack trace>"), so a nondeterminism is recognised by the exception's name in that text.
      String text = withoutStackTrace(String.valueOf(e.getMessage()));
      int at = text.indexOf(NDE_MARKER);
      if (at >= 0) {
        return ReplayResult.nondeterministic(Divergence.fromMessage(text.substring(at + NDE_MARKER.length()).strip()));
      }
      return ReplayResult.failed(ReplayFailure.describe(e));
    } catch (LinkageError | StackOverflowError e) {
      // Workflow code missing a class or recursing without end: this history's failure, not the batch's.
      return ReplayResult.failed(ReplayFailure.describe(e));
    } finally {
      workers.add(worker);
    }
  }

  private static final String NDE_MARKER = NonDeterministicException.class.getName() + ":";

  private static String withoutStackTrace(String message) {
    int trace = message.indexOf("\n\tat ");
    return trace < 0 ? message : message.substring(0, trace);
  }

  private static NonDeterministicException find(Throwable t) {
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof NonDeterministicException) {
        return (NonDeterministicException) t;
      }
    }
    return null;
  }

  @Override
  public void close() {
    factory.shutdownNow();
    stubs.shutdownNow();
    offline.close();
  }

  /**
   * The outcome of one replay.
   *
   * @param verdict DETERMINISTIC, NONDETERMINISTIC or REPLAY_FAILED
   * @param divergence where it diverged, for NONDETERMINISTIC; else null
   * @param detail a one-line explanation for failures, else ""
   */
  public record ReplayResult(Verdict verdict, Divergence divergence, String detail) {

    static ReplayResult deterministic() {
      return new ReplayResult(Verdict.DETERMINISTIC, null, "");
    }

    static ReplayResult nondeterministic(Divergence d) {
      return new ReplayResult(Verdict.NONDETERMINISTIC, d, d.message());
    }

    static ReplayResult failed(String detail) {
      return new ReplayResult(Verdict.REPLAY_FAILED, null, detail);
    }
  }
}
