package dev.loadharness.runtime;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import dev.loadharness.runtime.concurrency.AdaptiveConcurrency;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.StickyCacheConfig;
import dev.loadharness.runtime.config.TunerKind;
import dev.loadharness.runtime.heartbeat.HeartbeatTuningInterceptor;
import dev.loadharness.runtime.heartbeat.HeartbeatTuningSettings;
import dev.loadharness.runtime.metrics.MetricNames;
import dev.loadharness.runtime.metrics.PollLatencyInterceptor;
import dev.loadharness.runtime.metrics.RuntimeMetrics;
import dev.loadharness.runtime.metrics.ServerBacklogProbe;
import dev.loadharness.runtime.transport.TransportCounters;
import dev.loadharness.runtime.transport.TransportLease;
import dev.loadharness.runtime.transport.TransportPool;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehavior;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import io.temporal.worker.tuning.PollerBehaviorSimpleMaximum;
import io.temporal.worker.tuning.WorkerTuner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker runtime under test: from one {@link RuntimeConfig} it owns a leased shared transport,
 * the WorkflowClient, the WorkerFactory with one worker per task queue, and the metrics pipeline.
 *
 * <p>Lifecycle: {@link #start()} (after a bounded random jitter; the transport pre-warm runs beside it) ->
 * {@link #drain(Duration)} (stop polling, let in-flight tasks and sticky workflows finish) ->
 * {@link #close()} (cancel what is left, release the transport, flush metrics; idempotent). A JVM
 * shutdown hook drains and closes a started runtime.
 */
public final class AdaptiveWorkerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdaptiveWorkerRuntime.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration PREWARM_TIMEOUT = Duration.ofSeconds(30);
  /** How often the server backlog gauge is refreshed: a Prometheus scrape (15 s typical) reads it less often. */
  static final Duration BACKLOG_PROBE_EVERY = Duration.ofSeconds(5);

  private final RuntimeConfig config;
  private final RuntimeMetrics metrics;
  private final TransportPool pool;
  private final boolean ownsPool;
  private final TransportLease lease;
  private final CompletableFuture<Void> prewarm;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, AdaptiveConcurrency> adaptive = new LinkedHashMap<>();
  private final ServerBacklogProbe backlog;
  private final StickyCacheConfig.Sizing cacheSizing;
  private final HeartbeatTuningInterceptor heartbeats;
  private final Thread shutdownHook;
  private final Runnable gaugeRefresh;
  private volatile RuntimeState state = RuntimeState.CREATED;

  private AdaptiveWorkerRuntime(RuntimeConfig config, TransportPool sharedPool, RuntimeMetrics sharedMetrics) {
    this.config = config;
    String prefix = "worker-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    this.metrics = sharedMetrics != null ? sharedMetrics : new RuntimeMetrics(config.metrics(), prefix);
    this.ownsPool = sharedPool == null;
    this.pool = ownsPool
        ? new TransportPool(metrics.sdkScope(), List.of(new PollLatencyInterceptor(metrics.exact())))
        : sharedPool;
    this.lease = pool.lease(config.connection());
    this.prewarm = config.connection().prewarm()
        ? pool.prewarm(lease, PREWARM_TIMEOUT, AdaptiveWorkerRuntime::prewarmThread)
        : CompletableFuture.completedFuture(null);
    WorkflowClientOptions.Builder clientOptions = WorkflowClientOptions.newBuilder()
        .setNamespace(config.connection().namespace());
    config.identity().ifPresent(clientOptions::setIdentity);
    this.client = WorkflowClient.newInstance(lease.stubs(), clientOptions.build());
    this.cacheSizing = config.sticky().resolve(Runtime.getRuntime().maxMemory());
    WorkerFactoryOptions.Builder factoryOptions = WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(cacheSizing.cacheSize())
        .setMaxWorkflowThreadCount(cacheSizing.maxWorkflowThreads());
    if (config.heartbeatTuning()) {
      this.heartbeats = new HeartbeatTuningInterceptor(HeartbeatTuningSettings.defaults(), metrics.registry());
      factoryOptions.setWorkerInterceptors(heartbeats);
    } else {
      this.heartbeats = null;
    }
    this.factory = WorkerFactory.newInstance(client, factoryOptions.build());
    for (String queue : config.taskQueues()) {
      TunerFactory.Tuning tuning =
          TunerFactory.create(config, queue, metrics.loadSignals().forTaskQueue(queue), metrics.registry());
      tuning.adaptive().ifPresent(controller -> adaptive.put(queue, controller));
      workers.put(queue, factory.newWorker(queue, workerOptions(config, tuning.tuner())));
    }
    this.backlog = new ServerBacklogProbe(lease.stubs(), config.connection().namespace(), config.taskQueues(),
        metrics.exact());
    this.gaugeRefresh = this::refreshGauges;
    metrics.beforeEachInterval(gaugeRefresh);
    this.shutdownHook = new Thread(this::drainOnShutdown, "adaptive-worker-runtime-shutdown");
    log.info("runtime created: {} task queue(s) {}, tuner={}, pollers={}, sticky cache={} ({}), workflow threads={}, transport={}",
        workers.size(), config.taskQueues(), config.tuner().id(), config.pollers(), cacheSizing.cacheSize(),
        cacheSizing.reason(), cacheSizing.maxWorkflowThreads(),
        config.connection());
  }

  /** Runs a pre-warm on its own daemon thread: the common pool has one thread on a 2-core machine. */
  private static void prewarmThread(Runnable task) {
    Thread thread = new Thread(task, "transport-prewarm");
    thread.setDaemon(true);
    thread.start();
  }

  /** A runtime with its own transport pool and metrics. */
  public static AdaptiveWorkerRuntime create(RuntimeConfig config) {
    return new AdaptiveWorkerRuntime(config, null, null);
  }

  /**
   * A runtime leasing from a shared {@code pool} (whose stubs report SDK metrics to the scope it was
   * built with, normally {@code metrics.sdkScope()}) and reporting into shared {@code metrics}.
   */
  public static AdaptiveWorkerRuntime create(RuntimeConfig config, TransportPool pool, RuntimeMetrics metrics) {
    return new AdaptiveWorkerRuntime(config, pool, metrics);
  }

  static WorkerOptions workerOptions(RuntimeConfig config, WorkerTuner tuner) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder()
        .setWorkerTuner(tuner)
        .setWorkflowTaskPollersBehavior(pollers(config, SlotKind.WORKFLOW))
        .setActivityTaskPollersBehavior(pollers(config, SlotKind.ACTIVITY))
        .setStickyQueueScheduleToStartTimeout(config.sticky().scheduleToStartTimeout())
        .setStickyTaskQueueDrainTimeout(config.sticky().drainTimeout());
    config.identity().ifPresent(options::setIdentity);
    config.buildId().ifPresent(AdaptiveWorkerRuntime.buildIdSetter(options));
    return options.build();
  }

  @SuppressWarnings("deprecation")
  private static java.util.function.Consumer<String> buildIdSetter(WorkerOptions.Builder options) {
    // Sets the build id the worker reports (and that tags its metrics); it does not opt into
    // versioning, which would need deployment options this runtime does not manage.
    return options::setBuildId;
  }

  /** The poller behaviour of one task kind per {@link PollerMode}. */
  static PollerBehavior pollers(RuntimeConfig config, SlotKind kind) {
    PollerConfig pollers = config.pollers();
    int initial = kind == SlotKind.WORKFLOW ? pollers.workflowPollers() : pollers.activityPollers();
    return switch (pollers.mode()) {
      case FIXED -> new PollerBehaviorSimpleMaximum(initial);
      case AUTOSCALING -> new PollerBehaviorAutoscaling(pollers.minPollers(), pollers.maxPollers(), initial);
      case SLOT_BOUNDED -> {
        int slotMax = config.tuner() == TunerKind.SDK_RESOURCE_BASED
            ? pollers.maxPollers() : config.concurrency().limits(kind).max();
        int floor = kind == SlotKind.WORKFLOW ? 2 : 1;
        int max = Math.max(floor, Math.min(pollers.maxPollers(), slotMax));
        int min = Math.min(pollers.minPollers(), max);
        yield new PollerBehaviorAutoscaling(min, max, Math.max(min, Math.min(initial, max)));
      }
    };
  }

  /** Registers workflow implementation types on every worker (before {@link #start()}). */
  public AdaptiveWorkerRuntime registerWorkflowImplementationTypes(Class<?>... types) {
    requireState(RuntimeState.CREATED, "register workflows");
    workers.values().forEach(worker -> worker.registerWorkflowImplementationTypes(types));
    return this;
  }

  /** Registers activity implementations on every worker (before {@link #start()}). */
  public AdaptiveWorkerRuntime registerActivitiesImplementations(Object... activities) {
    requireState(RuntimeState.CREATED, "register activities");
    workers.values().forEach(worker -> worker.registerActivitiesImplementations(activities));
    return this;
  }

  /** Registers everything one catalog provides. */
  public AdaptiveWorkerRuntime register(WorkflowCatalog catalog) {
    registerWorkflowImplementationTypes(catalog.workflowImplementationTypes().toArray(new Class<?>[0]));
    registerActivitiesImplementations(catalog.activityImplementations().toArray());
    log.info("registered catalog '{}': {} workflow type(s), {} activity implementation(s)", catalog.name(),
        catalog.workflowImplementationTypes().size(), catalog.activityImplementations().size());
    return this;
  }

  /** Registers every {@link WorkflowCatalog} that {@link ServiceLoader} finds; returns their names. */
  public List<String> registerCatalogs(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (WorkflowCatalog catalog : ServiceLoader.load(WorkflowCatalog.class, loader)) {
      register(catalog);
      names.add(catalog.name());
    }
    return names;
  }

  /**
   * Sleeps a random 0..start-jitter so a fleet does not poll in lockstep, then starts polling and
   * installs the shutdown hook. It does not wait for the transport pre-warm: measured
   * (WorkerColdStartBenchmark), waiting put a health-check round trip in front of every worker's first
   * poll and made cold start slower, not faster. The pre-warm keeps running beside the pollers, which
   * share its connection; a pre-warm that already failed fails start with the reason, a later failure
   * is logged once (the pollers keep retrying, as the SDK's do).
   */
  public synchronized void start() {
    requireState(RuntimeState.CREATED, "start");
    if (prewarm.isCompletedExceptionally()) {
      try {
        prewarm.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("cannot reach Temporal at " + config.connection().target() + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    }
    prewarm.whenComplete((ok, failure) -> {
      if (failure != null) {
        log.error("transport pre-warm: cannot reach Temporal at {}: {}; the pollers keep retrying",
            config.connection().target(), failure.getMessage());
      }
    });
    long jitterMillis = config.pollers().startJitter().toMillis();
    if (jitterMillis > 0) {
      long sleep = ThreadLocalRandom.current().nextLong(jitterMillis + 1);
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during start jitter", e);
      }
    }
    adaptive.values().forEach(AdaptiveConcurrency::start);
    factory.start();
    state = RuntimeState.STARTED;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    log.info("runtime started: polling {} on {}", config.taskQueues(), config.connection().target());
  }

  /**
   * Stops polling and waits up to {@code timeout} for in-flight tasks (and sticky workflows, for the
   * sticky drain timeout) to finish; returns true when everything finished in time.
   */
  public boolean drain(Duration timeout) {
    synchronized (this) {
      if (state == RuntimeState.CLOSED) {
        return factory.isTerminated();
      }
      if (state == RuntimeState.CREATED) {
        state = RuntimeState.DRAINING;
        return true;
      }
      state = RuntimeState.DRAINING;
      try {
        factory.shutdown();
      } catch (RuntimeException e) {
        log.warn("stopping the pollers reported: {}", e.toString());
      }
    }
    long start = System.nanoTime();
    factory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    boolean drained = factory.isTerminated();
    log.info("drain {} in {} ms", drained ? "finished" : "timed out", (System.nanoTime() - start) / 1_000_000);
    return drained;
  }

  /**
   * Cancels whatever drain left running, releases the transport and flushes metrics; idempotent. Held under
   * the lock from start to end: the JVM runs this runtime's shutdown hook beside the host's own, and a second
   * caller must return only once the first has closed, not while it still releases the transport under the
   * host's feet. drain() waits outside the lock, so a drain in flight does not hold a close up.
   */
  @Override
  public synchronized void close() {
    if (state == RuntimeState.CLOSED) {
      return;
    }
    state = RuntimeState.CLOSED;
    if (!factory.isTerminated()) {
      try {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        // The SDK tells the server a worker is leaving; an unreachable server must not stop the
        // rest of close (transport, metrics) from running.
        log.warn("worker shutdown did not complete cleanly: {}", e.toString());
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Already shutting down, or never installed: nothing to remove.
    }
    adaptive.values().forEach(AdaptiveConcurrency::close);
    metrics.removeBeforeEachInterval(gaugeRefresh);
    lease.close();
    if (ownsPool) {
      pool.close();
      metrics.close();
    }
    log.info("runtime closed");
  }

  private void drainOnShutdown() {
    log.info("JVM shutdown: draining for up to {}", config.drainTimeout());
    drain(config.drainTimeout());
    close();
  }

  private void refreshGauges() {
    TransportCounters counters = pool.counters();
    metrics.gauge(MetricNames.TRANSPORT_CHANNELS, Map.of(), counters.channelsCreated());
    metrics.gauge(MetricNames.TRANSPORT_CONNECTIONS, Map.of(), counters.connectionsOpened());
    metrics.gauge(MetricNames.TRANSPORT_TLS_HANDSHAKES, Map.of(), counters.tlsHandshakes());
    metrics.gauge(MetricNames.TRANSPORT_OPEN, Map.of(), pool.openTransports());
    metrics.gauge(MetricNames.STICKY_CACHE_CAPACITY, Map.of(), cacheSizing.cacheSize());
    for (String queue : config.taskQueues()) {
      AdaptiveConcurrency controller = adaptive.get(queue);
      for (SlotKind kind : SlotKind.values()) {
        Map<String, String> tags = Map.of("slot_kind", kind.tag(), "task_queue", queue);
        if (controller != null) {
          // The controller exports these to Prometheus itself; mirrored here for the JSONL intervals.
          metrics.intervalGauge(MetricNames.CONCURRENCY_LIMIT, tags, controller.limit(kind));
          metrics.intervalGauge(MetricNames.QUEUE_DEPTH, Map.of("slot_kind", kind.tag(), "task_queue", queue,
              "source", "slot_reservations"), controller.waiting(kind));
        } else if (config.tuner() == TunerKind.FIXED) {
          metrics.gauge(MetricNames.CONCURRENCY_LIMIT, tags, config.concurrency().limits(kind).initial());
        }
      }
    }
    if (state == RuntimeState.STARTED) {
      backlog.probeIfDue(System.nanoTime(), BACKLOG_PROBE_EVERY);
    }
  }

  private void requireState(RuntimeState required, String action) {
    if (state != required) {
      throw new IllegalStateException("cannot " + action + " in state " + state + " (needs " + required + ")");
    }
  }

  /** The configuration this runtime was built from. */
  public RuntimeConfig config() {
    return config;
  }

  /** Current lifecycle state. */
  public RuntimeState state() {
    return state;
  }

  /** The client sharing this runtime's transport. */
  public WorkflowClient client() {
    return client;
  }

  /** The worker of one task queue. */
  public Optional<Worker> worker(String taskQueue) {
    return Optional.ofNullable(workers.get(taskQueue));
  }

  /** The metrics pipeline. */
  public RuntimeMetrics metrics() {
    return metrics;
  }

  /** The transport pool this runtime leases from. */
  public TransportPool transports() {
    return pool;
  }

  /** The adaptive controller of one task queue's worker (adaptive tuner only). */
  public Optional<AdaptiveConcurrency> concurrency(String taskQueue) {
    return Optional.ofNullable(adaptive.get(taskQueue));
  }

  /** The heartbeat tuning interceptor, unless TEMPORAL_HEARTBEAT_TUNING is off. */
  public Optional<HeartbeatTuningInterceptor> heartbeatTuning() {
    return Optional.ofNullable(heartbeats);
  }

  /** True once the server said it cannot report task queue backlog. */
  public boolean serverBacklogUnsupported() {
    return backlog.unsupported();
  }
}
