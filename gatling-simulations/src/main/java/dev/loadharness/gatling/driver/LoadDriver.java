package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.catalog.Shape;
import dev.loadharness.scenarios.catalog.WorkflowKind;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Gatling simulation drives with: the client, the run's task queue, the spec, the ledger, and a
 * bounded executor for the SDK calls that block (start, signal, query, update), so Gatling's own threads
 * never wait on the network. Gatling instantiates simulations reflectively, so the runner installs the
 * driver here before starting Gatling.
 */
public final class LoadDriver implements AutoCloseable {
  private static final AtomicReference<LoadDriver> CURRENT = new AtomicReference<>();

  private final WorkflowClient client;
  private final String taskQueue;
  private final String idPrefix;
  private final ScenarioSpec spec;
  private final Segment segment;
  private final RunLedger ledger;
  private final WorkloadPicker picker;
  private final ThreadPoolExecutor executor;
  private final AtomicLong sequence = new AtomicLong();
  private final CompletableFuture<String> aborted = new CompletableFuture<>();
  private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();

  /**
   * @param seed chooses the order of the mix and each workflow's seed
   * @param callThreads bound on concurrent blocking SDK calls
   */
  public LoadDriver(WorkflowClient client, String taskQueue, String idPrefix, ScenarioSpec spec, long seed,
      int callThreads) {
    this(client, taskQueue, idPrefix, spec, Segment.WHOLE, seed, callThreads);
  }

  /**
   * A driver of one {@code segment} of the run: it drives the segment's share of {@code spec}'s load and
   * starts only the workflow ids of the segment's slice.
   */
  public LoadDriver(WorkflowClient client, String taskQueue, String idPrefix, ScenarioSpec spec, Segment segment,
      long seed, int callThreads) {
    this.segment = segment;
    this.client = client;
    this.taskQueue = taskQueue;
    this.idPrefix = idPrefix;
    this.spec = spec;
    this.ledger = new RunLedger(spec.warmUp().toMillis());
    this.picker = new WorkloadPicker(spec.mix(), seed);
    this.executor = new ThreadPoolExecutor(callThreads, callThreads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "temporal-calls");
          t.setDaemon(true);
          return t;
        });
  }

  /** Makes {@code driver} the one simulations use. */
  public static void install(LoadDriver driver) {
    CURRENT.set(driver);
  }

  /**
   * Stops the run early: no new workflow starts, every user waiting for a result is released (its workflow
   * stays without an outcome, so it counts as unaccounted) and the simulation stops its load generator.
   * The first reason wins.
   */
  public void abort(String reason) {
    if (aborted.complete(reason)) {
      CancellationException cancelled = new CancellationException("run aborted: " + reason);
      waiting.forEach(w -> w.completeExceptionally(cancelled));
    }
  }

  /**
   * {@code result}'s outcome, or a {@link CancellationException} as soon as the run is aborted. The waiting
   * futures are one set the abort empties, not a dependent of the abort signal per workflow: those the signal
   * would keep until the end of the run, one per workflow ever started.
   */
  public <T> CompletableFuture<T> unlessAborted(CompletableFuture<T> result) {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    waiting.add(outcome);
    result.whenComplete((value, error) -> {
      if (error == null) {
        outcome.complete(value);
      } else {
        outcome.completeExceptionally(error);
      }
      waiting.remove(outcome);
    });
    // An abort between the add and here has already gone through the set without this one.
    if (aborted.isDone()) {
      outcome.completeExceptionally(new CancellationException("run aborted: " + aborted.getNow("")));
      waiting.remove(outcome);
    }
    return outcome;
  }

  /** Whether the run was aborted. */
  public boolean isAborted() {
    return aborted.isDone();
  }

  /** Why the run was aborted, or empty. */
  public java.util.Optional<String> abortReason() {
    return java.util.Optional.ofNullable(aborted.getNow(null));
  }

  /** Removes {@code driver} if it is the installed one. */
  public static void uninstall(LoadDriver driver) {
    CURRENT.compareAndSet(driver, null);
  }

  /** The installed driver. */
  public static LoadDriver current() {
    LoadDriver driver = CURRENT.get();
    if (driver == null) {
      throw new IllegalStateException("no LoadDriver installed: run simulations through the load pipeline (scripts/load)");
    }
    return driver;
  }

  /** The whole run's spec. */
  public ScenarioSpec spec() {
    return spec;
  }

  /** The load this driver injects: the whole spec's, or its segment's share. */
  public ScenarioSpec segmentSpec() {
    return segment.of(spec);
  }

  /** The slice of the run this driver drives. */
  public Segment segment() {
    return segment;
  }

  public RunLedger ledger() {
    return ledger;
  }

  public ExecutorService executor() {
    return executor;
  }

  /** The next workflow to start: its kind, input and id. */
  public Assignment nextAssignment() {
    long n = segment.globalSequence(sequence.getAndIncrement());
    if (lost(n)) {
      // Injected regression: a workflow that sleeps far past the time budget, so its result never arrives.
      return new Assignment(idPrefix + n, WorkflowKind.TIMERS, new Shape(WorkflowKind.TIMERS.id(),
          Map.of("timers", 1, "sleep_ms", (int) Duration.ofHours(12).toMillis()), n));
    }
    WorkloadEntry entry = picker.pick(n);
    return assignment(entry, idPrefix + n, n, n * 7919 + 17);
  }

  /** Workflow {@code n} of {@code entry}: a catalog kind's shape, or the user's arguments rendered for it. */
  static Assignment assignment(WorkloadEntry entry, String workflowId, long n, long seed) {
    if (entry.isUserType()) {
      return new Assignment(workflowId, null, null, entry.userType(), entry.input().render(n, workflowId, seed));
    }
    return new Assignment(workflowId, entry.kind(), new Shape(entry.kind().id(), entry.params(), seed));
  }

  /** Whether workflow {@code n} is one the spec's {@code inject.lose_workflows} loses: the first ones after a fifth. */
  private boolean lost(long n) {
    int lose = spec.inject().loseWorkflows();
    long first = Math.max(0, spec.workflows() / 5);
    return lose > 0 && n >= first && n < first + lose;
  }

  /**
   * An untyped stub for {@code assignment}, not yet started. An id is never reused, not even after its
   * workflow closed, so a retried segment's start of an id an earlier attempt started fails (and is attached
   * to, {@link #existing}) instead of running the workflow a second time.
   */
  public WorkflowStub stub(Assignment assignment) {
    return client.newUntypedWorkflowStub(assignment.workflowType(),
        WorkflowOptions.newBuilder()
            .setTaskQueue(taskQueue)
            .setWorkflowId(assignment.workflowId())
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowRunTimeout(spec.timeBudget().plus(Duration.ofMinutes(5)))
            .build());
  }

  /** A stub of the already started workflow of {@code assignment} (its latest run), to await its result. */
  public WorkflowStub existing(Assignment assignment) {
    return client.newUntypedWorkflowStub(assignment.workflowId(), java.util.Optional.empty(),
        java.util.Optional.of(assignment.kind().workflowInterface().getSimpleName()));
  }

  /** Time left until the run's budget, counted from the first start request, is spent (at least 1 ms). */
  public long remainingMillis() {
    long deadline = ledger.firstStartNanos() + spec.timeBudget().toNanos();
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  /** Workflow id prefix of this run. */
  public String idPrefix() {
    return idPrefix;
  }

  @Override
  public void close() {
    CURRENT.compareAndSet(this, null);
    executor.shutdownNow();
  }

  /**
   * One workflow to start.
   *
   * @param kind the catalog kind, null for a user's workflow type
   * @param shape the catalog workflow's input, null for a user's workflow type
   * @param workflowType the type to start
   * @param args the start arguments
   */
  public record Assignment(String workflowId, WorkflowKind kind, Shape shape, String workflowType, Object[] args) {

    /** A catalog workflow: its interface's type, the shape as its one argument. */
    public Assignment(String workflowId, WorkflowKind kind, Shape shape) {
      this(workflowId, kind, shape, kind.workflowInterface().getSimpleName(), new Object[] {shape});
    }

    /** Signal/query/update round trips the driver makes (interactive catalog workflows only). */
    public int rounds() {
      return shape == null ? 1 : shape.get("rounds", 1);
    }
  }
}
