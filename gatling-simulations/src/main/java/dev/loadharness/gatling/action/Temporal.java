package dev.loadharness.gatling.action;

import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.gatling.driver.RunLedger;
import dev.loadharness.gatling.driver.WakeUps;
import dev.loadharness.gatling.driver.WorkflowCalls;
import dev.loadharness.scenarios.catalog.KitchenSinkPlan;
import dev.loadharness.scenarios.catalog.WorkflowKind;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Temporal DSL for Gatling chains: {@code start}, {@code completed}, {@code signal}, {@code query},
 * {@code update}. Each workflow is two requests, "start" (the client's start call returned) and
 * "completed" (its result seen), so a slow start path shows apart from end-to-end latency.
 */
public final class Temporal {
  /** Session key of the started (or attached) workflow: a {@link WorkflowCalls.Execution}. */
  public static final String EXECUTION = "temporal.execution";
  /** Session key of the start request time (System.nanoTime). */
  public static final String REQUESTED = "temporal.requested";
  /**
   * Session key of the start request time as Gatling's clock reads it (epoch ms): the "completed" request is
   * logged from it, so Gatling's "completed" response time is the workflow's end-to-end latency.
   */
  public static final String REQUESTED_AT_MS = "temporal.requestedAtMs";
  /** Session key of the workflow's close as Gatling's clock reads it (epoch ms): the "completed" request's end. */
  public static final String COMPLETED_AT_MS = "temporal.completedAtMs";
  /** Session key: the workflow expects signal/query/update round trips. */
  public static final String INTERACTIVE = "temporal.interactive";
  /** Session key: the workflow was already started (a retried segment) and was attached to, not started. */
  public static final String ATTACHED = "temporal.attached";
  /** Session key: how many round trips. */
  public static final String ROUNDS = "temporal.rounds";
  /** Session key: how many {@code poke} signals the driver sends (a kitchen-sink root's plan waits for them). */
  public static final String SIGNALS = "temporal.signals";
  /** Session key: ms after the start at which the driver sends {@code wake} (long-idle), 0 for none. */
  public static final String SIGNAL_AFTER_MS = "temporal.signalAfterMs";
  /** Session key: the workflow's wake-ups are read from its history after its result (long-idle). */
  public static final String WAKE_UPS = "temporal.wakeUps";
  /** Session key: the id of the Temporal Schedule this user created instead of starting a workflow. */
  public static final String SCHEDULE = "temporal.schedule";

  private Temporal() {}

  /** Starts the next workflow of the mix on the driver's bounded executor. */
  public static TemporalActionBuilder start() {
    return new TemporalActionBuilder("start", session -> {
      LoadDriver driver = LoadDriver.current();
      if (driver.isAborted()) {
        // Not counted as started: nothing reached the server.
        return CompletableFuture.failedFuture(new IllegalStateException("run aborted: " + driver.abortReason().orElse("")));
      }
      RunLedger ledger = driver.ledger();
      LoadDriver.Assignment assignment = driver.nextAssignment();
      long requested = ledger.started();
      long requestedAtMs = System.currentTimeMillis();
      if (assignment.kind() == WorkflowKind.SCHEDULE) {
        return ScheduleCalls.create(driver, assignment).handle((id, error) -> {
          if (error != null) {
            ledger.failed("start: " + Causes.of(error));
            throw new java.util.concurrent.CompletionException(Causes.unwrap(error));
          }
          ledger.startReturned(requested);
          java.util.Map<String, Object> keys = startKeys(assignment, null, requested, requestedAtMs);
          keys.put(SCHEDULE, id);
          return session.setAll(keys);
        });
      }
      return driver.start(assignment).handle((started, error) -> {
        if (error != null) {
          ledger.failed("start: " + Causes.of(error));
          throw new java.util.concurrent.CompletionException(Causes.unwrap(error));
        }
        if (started.attached()) {
          // A retried segment: an earlier attempt started this id. Await that one; it stays counted once.
          ledger.attached();
        } else {
          ledger.startReturned(requested);
        }
        // One copy of the (immutable) session for the start's keys instead of one per key.
        return session.setAll(startKeys(assignment, started, requested, requestedAtMs));
      });
    });
  }

  /**
   * Waits without blocking for the started workflow's result, at most until the time budget ends; Gatling
   * records the request from the workflow's start request to its result seen (end-to-end).
   */
  public static TemporalActionBuilder completed() {
    return new TemporalActionBuilder("completed", REQUESTED_AT_MS, COMPLETED_AT_MS, session -> {
      LoadDriver driver = LoadDriver.current();
      RunLedger ledger = driver.ledger();
      if (session.contains(SCHEDULE)) {
        return ScheduleCalls.completed(driver, session.getString(SCHEDULE), session.getLong(REQUESTED))
            .thenApply(ignored -> session);
      }
      WorkflowCalls.Execution execution = session.get(EXECUTION);
      long requested = session.getLong(REQUESTED);
      return driver.unlessAborted(driver.awaitCompleted(execution))
          .handle((closedNanos, error) -> {
            if (error != null && Causes.unwrap(error) instanceof java.util.concurrent.CancellationException) {
              // Aborted while waiting: no outcome was observed, so the ledger leaves it unaccounted.
              throw new java.util.concurrent.CompletionException(Causes.unwrap(error));
            }
            if (error == null) {
              if (session.getBoolean(ATTACHED)) {
                ledger.completedAttached();
                return session;
              }
              ledger.completed(requested, closedNanos);
              // Gatling logs the request to the close, not to when the driver learnt of it (await: visibility).
              return session.set(COMPLETED_AT_MS,
                  session.getLong(REQUESTED_AT_MS) + TimeUnit.NANOSECONDS.toMillis(closedNanos - requested));
            }
            if (Causes.unwrap(error) instanceof TimeoutException) {
              ledger.timedOut();
            } else {
              ledger.failed(Causes.of(error));
            }
            throw new java.util.concurrent.CompletionException(Causes.unwrap(error));
          });
    });
  }

  /** Sends signal {@code name} to the started workflow. */
  public static TemporalActionBuilder signal(String name) {
    return call("signal " + name, (stub) -> {
      stub.signal(name);
      return null;
    });
  }

  /** Queries {@code name} on the started workflow. */
  public static TemporalActionBuilder query(String name) {
    return call("query " + name, stub -> stub.query(name, Integer.class));
  }

  /** Sends update {@code name} and waits for its result. */
  public static TemporalActionBuilder update(String name) {
    return call("update " + name, stub -> stub.update(name, Integer.class));
  }

  /**
   * Sends signal {@code name} to the started workflow once {@link #SIGNAL_AFTER_MS} has passed since its start
   * returned (the workflow idles meanwhile); an abort releases the wait. Logged with the idle time included.
   */
  public static TemporalActionBuilder signalAfterIdle(String name) {
    return new TemporalActionBuilder("idle, then signal " + name, session -> {
      LoadDriver driver = LoadDriver.current();
      WorkflowStub stub = driver.stub(session.<WorkflowCalls.Execution>get(EXECUTION));
      CompletableFuture<Object> sent = CompletableFuture.supplyAsync(() -> {
        stub.signal(name);
        return null;
      }, CompletableFuture.delayedExecutor(session.getLong(SIGNAL_AFTER_MS), TimeUnit.MILLISECONDS, driver.executor()));
      return driver.unlessAborted(sent).thenApply(ignored -> session);
    });
  }

  /**
   * Reads the completed workflow's history and records each wake-up ({@link WakeUps}) as the ledger's
   * {@link RunLedger#PROBE_WAKE_UP} latency.
   */
  public static TemporalActionBuilder wakeUps() {
    return new TemporalActionBuilder("history wake-ups", session -> {
      LoadDriver driver = LoadDriver.current();
      String workflowId = session.<WorkflowCalls.Execution>get(EXECUTION).workflowId();
      long requested = session.getLong(REQUESTED);
      return CompletableFuture.supplyAsync(() -> {
        WakeUps.of(driver.client().fetchHistory(workflowId).getEvents())
            .forEach(micros -> driver.ledger().probe(RunLedger.PROBE_WAKE_UP, requested, micros));
        return session;
      }, driver.executor());
    });
  }

  /**
   * The session keys a start sets, in one (mutable) map so the (immutable) session is copied once: the
   * execution (null for a schedule), the request times, and what the chain's kind-specific steps read (driver
   * signals, the idle signal, wake-ups).
   */
  private static java.util.Map<String, Object> startKeys(LoadDriver.Assignment assignment,
      WorkflowCalls.Execution started, long requested, long requestedAtMs) {
    WorkflowKind kind = assignment.kind();
    int signals = kind == WorkflowKind.KITCHEN_SINK ? KitchenSinkPlan.of(assignment.shape()).signals() : 0;
    long signalAfterMs = kind == WorkflowKind.LONG_IDLE ? 1000L * assignment.shape().get("signal_after_s", 0) : 0;
    java.util.Map<String, Object> keys = new java.util.HashMap<>(16);
    if (started != null) {
      keys.put(EXECUTION, started);
    }
    keys.put(REQUESTED, requested);
    keys.put(REQUESTED_AT_MS, requestedAtMs);
    keys.put(ATTACHED, started != null && started.attached());
    keys.put(INTERACTIVE, kind == WorkflowKind.INTERACTIVE);
    keys.put(ROUNDS, started == null ? 1 : assignment.rounds());
    keys.put(SIGNALS, signals);
    keys.put(SIGNAL_AFTER_MS, signalAfterMs);
    keys.put(WAKE_UPS, kind == WorkflowKind.LONG_IDLE);
    return keys;
  }

  private static TemporalActionBuilder call(String requestName, java.util.function.Function<WorkflowStub, Object> op) {
    return new TemporalActionBuilder(requestName, session -> {
      LoadDriver driver = LoadDriver.current();
      WorkflowStub stub = driver.stub(session.<WorkflowCalls.Execution>get(EXECUTION));
      return CompletableFuture.supplyAsync(() -> op.apply(stub), driver.executor())
          .thenApply(ignored -> session);
    });
  }
}
