package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.catalog.Shape;
import dev.loadharness.scenarios.catalog.WorkflowKind;
import dev.loadharness.scenarios.spec.AwaitMode;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
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
 * What the Gatling simulation drives with: the client, the run's task queue, the spec, the ledger, the
 * non-blocking start and result calls every workflow makes ({@link WorkflowCalls}), and a bounded executor
 * for the SDK calls that block (signal, query, update, schedules, histories), so Gatling's own threads never
 * wait on the network. Gatling instantiates simulations reflectively, so the runner installs the
 * driver here before starting Gatling.
 */
public final class LoadDriver implements AutoCloseable {
  private static final AtomicReference<LoadDriver> CURRENT = new AtomicReference<>();

  private final WorkflowClient client;
  private final String taskQueue;
  private final List<String> taskQueues;
  private final String idPrefix;
  private final ScenarioSpec spec;
  private final Segment segment;
  private final RunLedger ledger;
  private final WorkloadPicker picker;
  private final ThreadPoolExecutor executor;
  private final WorkflowCalls calls;
  /** The closes of this driver's workflows under {@code await: visibility}; made on first use. */
  private CompletionWatch watch;
  private final AtomicLong sequence = new AtomicLong();
  private final CompletableFuture<String> aborted = new CompletableFuture<>();
  private final java.util.Set<String> liveSchedules = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile io.temporal.client.schedules.ScheduleClient schedules;
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
    this(client, List.of(taskQueue), idPrefix, spec, segment, seed, callThreads);
  }

  /**
   * A driver spreading the workflows over {@code taskQueues} round-robin by sequence number (workflow {@code n}
   * on queue {@code n % size}, as omes's many-task-queue scenario does), so every segment of a distributed run
   * spreads the same way.
   */
  public LoadDriver(WorkflowClient client, List<String> taskQueues, String idPrefix, ScenarioSpec spec,
      Segment segment, long seed, int callThreads) {
    if (taskQueues.isEmpty()) {
      throw new IllegalArgumentException("a load driver needs at least one task queue");
    }
    this.segment = segment;
    this.client = client;
    this.taskQueues = List.copyOf(taskQueues);
    this.taskQueue = this.taskQueues.get(0);
    this.idPrefix = idPrefix;
    this.spec = spec;
    this.ledger = new RunLedger(spec.warmUp().toMillis());
    this.picker = new WorkloadPicker(spec.mix(), seed);
    this.calls = new WorkflowCalls(client);
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
    String queue = queueOf(n);
    if (lost(n)) {
      // Injected regression: a workflow that sleeps far past the time budget, so its result never arrives.
      return new Assignment(idPrefix + n, WorkflowKind.TIMERS, new Shape(WorkflowKind.TIMERS.id(),
          Map.of("timers", 1, "sleep_ms", (int) Duration.ofHours(12).toMillis()), n)).onQueue(queue);
    }
    WorkloadEntry entry = picker.pick(n);
    return assignment(entry, idPrefix + n, n, n * 7919 + 17).onQueue(queue);
  }

  /** The task queue of workflow {@code n}: round-robin over the run's queues. */
  public String queueOf(long n) {
    return taskQueues.get((int) Math.floorMod(n, (long) taskQueues.size()));
  }

  /** The run's task queues, in order. */
  public List<String> taskQueues() {
    return taskQueues;
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
   * Starts {@code assignment}'s workflow. An id is never reused, not even after its workflow closed, so a
   * retried segment's start of an id an earlier attempt started is attached to instead of running the workflow
   * a second time.
   */
  public CompletableFuture<WorkflowCalls.Execution> start(Assignment assignment) {
    return calls.start(assignment.workflowId(), assignment.workflowType(), taskQueueOf(assignment), assignment.args(),
        spec.timeBudget().plus(Duration.ofMinutes(5)));
  }

  /** The queue {@code assignment}'s workflow (or schedule's fires) runs on: its own, else the driver's first. */
  public String taskQueueOf(Assignment assignment) {
    return assignment.taskQueue() == null ? taskQueue : assignment.taskQueue();
  }

  /**
   * Completes with the time (System.nanoTime) {@code execution} closed, when it completed, as the spec's
   * {@code await} learns it; fails with a TimeoutException at the end of the time budget.
   */
  public CompletableFuture<Long> awaitCompleted(WorkflowCalls.Execution execution) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis());
    return spec.await() == AwaitMode.VISIBILITY ? watch().await(execution, deadline)
        : calls.awaitCompleted(execution, deadline);
  }

  private synchronized CompletionWatch watch() {
    if (watch == null) {
      watch = new CompletionWatch(client, idPrefix);
    }
    return watch;
  }

  /** The SDK's stub of a started workflow (its latest run when attached), for signals, queries and updates. */
  public WorkflowStub stub(WorkflowCalls.Execution execution) {
    return client.newUntypedWorkflowStub(execution.workflowId(),
        execution.runId().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(execution.runId()),
        java.util.Optional.empty());
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

  /** The client of this run's namespace, for calls the actions make besides starting (histories). */
  public WorkflowClient client() {
    return client;
  }

  /** The run's task queue. */
  public String taskQueue() {
    return taskQueue;
  }

  /** A schedule client on the driver's connection and namespace, created on first use. */
  public io.temporal.client.schedules.ScheduleClient schedules() {
    if (schedules == null) {
      synchronized (this) {
        if (schedules == null) {
          schedules = io.temporal.client.schedules.ScheduleClient.newInstance(client.getWorkflowServiceStubs(),
              io.temporal.client.schedules.ScheduleClientOptions.newBuilder()
                  .setNamespace(client.getOptions().getNamespace()).build());
        }
      }
    }
    return schedules;
  }

  /** Schedule {@code id} was created: {@link #close} deletes it if its workflow's action has not. */
  public void scheduleCreated(String id) {
    liveSchedules.add(id);
  }

  /** How long one delete of a schedule may take: the SDK's own call retries for minutes against a lost server. */
  static final Duration DELETE_DEADLINE = Duration.ofSeconds(10);

  /**
   * Deletes schedule {@code id} within {@link #DELETE_DEADLINE} (one already gone counts as deleted) and forgets
   * it; returns the failure when it could not, in which case {@link #close} tries again.
   */
  public java.util.Optional<String> deleteSchedule(String id) {
    try {
      client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(DELETE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .deleteSchedule(io.temporal.api.workflowservice.v1.DeleteScheduleRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setScheduleId(id)
              .setIdentity(client.getOptions().getIdentity()).build());
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
        return java.util.Optional.of(e.getStatus().toString());
      }
    }
    liveSchedules.remove(id);
    return java.util.Optional.empty();
  }

  /** Schedules created and not yet deleted. */
  public java.util.Set<String> liveSchedules() {
    return java.util.Set.copyOf(liveSchedules);
  }

  /**
   * Releases the driver. Schedules still alive (the run failed, was interrupted or cut at its budget before
   * their actions deleted them) are deleted here, so a run leaves none on the user's cluster.
   */
  @Override
  public void close() {
    CURRENT.compareAndSet(this, null);
    executor.shutdownNow();
    synchronized (this) {
      if (watch != null) {
        watch.close();
      }
    }
    for (String id : liveSchedules()) {
      // Should the server be gone, the schedule's end time stops it firing in any case.
      deleteSchedule(id).ifPresent(failure -> org.slf4j.LoggerFactory.getLogger(LoadDriver.class)
          .warn("could not delete schedule {}: {}", id, failure));
    }
  }

  /**
   * One workflow to start.
   *
   * @param kind the catalog kind, null for a user's workflow type
   * @param shape the catalog workflow's input, null for a user's workflow type
   * @param workflowType the type to start
   * @param args the start arguments
   * @param taskQueue the queue it is started on; null: the driver's first queue
   */
  public record Assignment(String workflowId, WorkflowKind kind, Shape shape, String workflowType, Object[] args,
      String taskQueue) {

    /** A workflow on the driver's first queue. */
    public Assignment(String workflowId, WorkflowKind kind, Shape shape, String workflowType, Object[] args) {
      this(workflowId, kind, shape, workflowType, args, null);
    }

    /** A catalog workflow: its interface's type, the shape as its one argument. */
    public Assignment(String workflowId, WorkflowKind kind, Shape shape) {
      this(workflowId, kind, shape, kind.workflowInterface().getSimpleName(), new Object[] {shape});
    }

    /** This workflow started on {@code queue}. */
    public Assignment onQueue(String queue) {
      return new Assignment(workflowId, kind, shape, workflowType, args, queue);
    }

    /** Signal/query/update round trips the driver makes (interactive catalog workflows only). */
    public int rounds() {
      return shape == null ? 1 : shape.get("rounds", 1);
    }
  }
}
