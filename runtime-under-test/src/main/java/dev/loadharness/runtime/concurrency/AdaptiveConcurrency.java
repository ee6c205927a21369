package dev.loadharness.runtime.concurrency;

import dev.loadharness.runtime.concurrency.limit.Direction;
import dev.loadharness.runtime.concurrency.limit.LimitDecision;
import dev.loadharness.runtime.concurrency.limit.Observation;
import dev.loadharness.runtime.concurrency.limit.VegasConcurrencyLimit;
import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import dev.loadharness.runtime.concurrency.permits.AdaptiveSlotSupplier;
import dev.loadharness.runtime.concurrency.permits.SlotUsage;
import dev.loadharness.runtime.concurrency.permits.ThreadCpuClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.LocalActivitySlotInfo;
import io.temporal.worker.tuning.NexusSlotInfo;
import io.temporal.worker.tuning.WorkerTuner;
import io.temporal.worker.tuning.WorkflowSlotInfo;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's adaptive concurrency: resizable slot suppliers for workflow, activity and
 * local-activity tasks, a {@link VegasConcurrencyLimit} per kind moving their limits every control
 * interval, and the metrics that show it. With {@code settings.dynamic()} false the limits stay at
 * their initial values and no control loop runs.
 *
 * <p>Exports {@code temporal_worker_concurrency_limit{slot_kind}},
 * {@code temporal_worker_queue_depth{slot_kind,source="slot_reservations"}} and
 * {@code temporal_worker_concurrency_adjustments_total{slot_kind,direction}}; logs every change
 * with its reason on one line.
 */
public final class AdaptiveConcurrency implements AutoCloseable {

  /**
   * Step period while demand is unmet: for the first control interval after {@link #start()}, and for a
   * control interval after any tick that found reservations waiting for a slot, the controller steps this
   * often; otherwise once per control interval.
   */
  public static final Duration RAMP_STEP = Duration.ofSeconds(1);

  /** Nexus slots are not adapted; this matches the SDK's default nexus executor size. */
  public static final int NEXUS_SLOTS = 200;

  private static final Logger log = LoggerFactory.getLogger(AdaptiveConcurrency.class);

  private final ConcurrencySettings settings;
  private final LoadSignals signals;
  private final AdaptiveSlotSupplier<WorkflowSlotInfo> workflow;
  private final AdaptiveSlotSupplier<ActivitySlotInfo> activity;
  private final AdaptiveSlotSupplier<LocalActivitySlotInfo> localActivity;
  private final Map<SlotKind, VegasConcurrencyLimit> limits = new EnumMap<>(SlotKind.class);
  private final Map<SlotKind, Map<Direction, Counter>> adjustments = new EnumMap<>(SlotKind.class);
  private final WorkerTuner tuner;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final LongSupplier nanoClock;
  private ScheduledFuture<?> loop;
  private volatile boolean ramping;
  /** Scheduler thread only: the end of the fast cadence, and when the last step ran (nano clock). */
  private long fastUntilNanos;
  private long lastStepNanos;
  private boolean closed;

  private AdaptiveConcurrency(
      ConcurrencySettings settings,
      VegasLimitSettings vegas,
      LoadSignals signals,
      MeterRegistry registry,
      LongSupplier nanoClock,
      ScheduledExecutorService scheduler,
      boolean ownsScheduler) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.signals = Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(registry, "registry");
    // Workflow code runs on workflow threads, not the thread holding the slot: its CPU stays unknown.
    this.workflow = supplier(settings.workflow(), nanoClock, ThreadCpuClock.NONE);
    this.activity = supplier(settings.activity(), nanoClock, ThreadCpuClock.ofThisJvm());
    this.localActivity = supplier(settings.localActivity(), nanoClock, ThreadCpuClock.ofThisJvm());
    this.tuner = new CompositeTuner(workflow, activity, localActivity,
        new FixedSizeSlotSupplier<NexusSlotInfo>(NEXUS_SLOTS));
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.nanoClock = nanoClock;
    for (SlotKind kind : SlotKind.values()) {
      if (settings.dynamic() && !settings.limits(kind).isFixed()) {
        limits.put(kind, new VegasConcurrencyLimit(settings.limits(kind), vegas));
      }
      register(kind, registry);
    }
  }

  /** Creates the suppliers at their initial limits; call {@link #start()} to begin adapting. */
  public static AdaptiveConcurrency create(
      ConcurrencySettings settings, LoadSignals signals, MeterRegistry registry) {
    return new AdaptiveConcurrency(settings, VegasLimitSettings.defaults(), signals, registry,
        System::nanoTime, Executors.newSingleThreadScheduledExecutor(AdaptiveConcurrency::daemon), true);
  }

  /** As {@link #create}, with the controller tuning, clock and scheduler injected (for tests). */
  public static AdaptiveConcurrency create(
      ConcurrencySettings settings,
      VegasLimitSettings vegas,
      LoadSignals signals,
      MeterRegistry registry,
      LongSupplier nanoClock,
      ScheduledExecutorService scheduler) {
    return new AdaptiveConcurrency(settings, vegas, signals, registry, nanoClock, scheduler, false);
  }

  /** The tuner to pass to {@code WorkerOptions.Builder#setWorkerTuner}. */
  public WorkerTuner tuner() {
    return tuner;
  }

  /** The current limit of one slot kind. */
  public int limit(SlotKind kind) {
    return supplier(kind).limit();
  }

  /** Reservations waiting in this kind's supplier for a slot. */
  public int waiting(SlotKind kind) {
    return supplier(kind).waiting();
  }

  /**
   * Starts the control loop; a no-op when not dynamic.
   *
   * <p>Why the cadence follows demand: a worker meets work it cannot take at any moment (its start into a
   * backlog, a deploy, a burst), and at the 30 s control interval its first move would come up to half a minute
   * late and further moves a minute apart, while the backlog grows. A ramp only at start missed every burst that
   * came later: on the adaptive grid 42 of 60 worker processes spent theirs on the warm-up and met the 30 s
   * injection at the fixed setting's limits, taking no step in it (docs/adaptive-grid.md). So the loop ticks
   * every {@link #RAMP_STEP}; a tick that finds reservations waiting for a slot (the pollers want more than the
   * limits give) keeps the controller stepping every tick for one control interval more, the cadence the
   * simulator's gate tests hold the controller to (no oscillation, no collapse); a quiet worker steps once per
   * {@code settings.controlInterval()}. The same rules decide every step, so stepping often moves a limit only
   * where the signals say so.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("AdaptiveConcurrency is closed");
    }
    if (loop != null || limits.isEmpty()) {
      return;
    }
    long periodMillis = settings.controlInterval().toMillis();
    long rampMillis = Math.min(periodMillis, RAMP_STEP.toMillis());
    if (rampMillis < periodMillis) {
      long now = nanoClock.getAsLong();
      fastUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(periodMillis);
      lastStepNanos = now;
      ramping = true;
      loop = scheduler.scheduleAtFixedRate(this::tick, rampMillis, rampMillis, TimeUnit.MILLISECONDS);
      log.info("adaptive concurrency started: stepping every {} ms for {} ms and while slots are short, else every"
          + " {} ms, adapting {}", rampMillis, periodMillis, periodMillis, limits.keySet());
    } else {
      loop = scheduler.scheduleAtFixedRate(this::safeControlStep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
      log.info("adaptive concurrency started: interval {} ms, adapting {}", periodMillis, limits.keySet());
    }
  }

  /** True while the controller steps every {@link #RAMP_STEP} (see {@link #start()}). */
  public boolean ramping() {
    return ramping;
  }

  /** One tick of the loop: the cadence for demand (see {@link #start()}), then a step when one is due. */
  private void tick() {
    long now = nanoClock.getAsLong();
    long period = settings.controlInterval().toNanos();
    int waiting = 0;
    for (SlotKind kind : limits.keySet()) {
      waiting += supplier(kind).waiting();
    }
    if (waiting > 0) {
      if (!ramping) {
        log.info("adaptive concurrency: {} reservation(s) waiting for a slot; stepping every {} ms again", waiting,
            RAMP_STEP.toMillis());
      }
      fastUntilNanos = now + period;
      ramping = true;
    } else if (ramping && now - fastUntilNanos >= 0) {
      ramping = false;
      log.info("adaptive concurrency settled: no reservation waited for a control interval, stepping every {} ms;"
          + " limits {}", settings.controlInterval().toMillis(),
          limits.keySet().stream().map(kind -> kind.tag() + "=" + supplier(kind).limit()).toList());
    }
    // A tick may run a little early: a slow step is due within half a fast period of the control interval.
    if (ramping || now - lastStepNanos >= period - RAMP_STEP.toNanos() / 2) {
      lastStepNanos = now;
      safeControlStep();
    }
  }

  /**
   * Runs one control step for every adapted kind now; the loop calls this each interval. The workflow
   * kind steps first (SlotKind order) and its {@link VegasConcurrencyLimit#starving()} reading goes into
   * the activity kinds' observations of the same step: workflow tasks are the critical path, and an
   * activity pool yields the CPU it took above its initial limit while they starve (see
   * {@link VegasConcurrencyLimit}).
   */
  public void controlStep() {
    boolean workflowTasksStarving = false;
    for (Map.Entry<SlotKind, VegasConcurrencyLimit> entry : limits.entrySet()) {
      SlotKind kind = entry.getKey();
      step(kind, entry.getValue(), kind != SlotKind.WORKFLOW && workflowTasksStarving);
      if (kind == SlotKind.WORKFLOW) {
        workflowTasksStarving = entry.getValue().starving();
      }
    }
  }

  /** Stops the control loop; permits already issued stay valid until the SDK releases them. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loop != null) {
      loop.cancel(false);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private void step(SlotKind kind, VegasConcurrencyLimit limit, boolean workflowTasksStarving) {
    AdaptiveSlotSupplier<?> supplier = supplier(kind);
    SlotUsage usage = supplier.drainUsage();
    LoadSignals.Sample s = signals.sample(kind);
    LoadSignals.Sample sample = s == null ? LoadSignals.Sample.unknown() : s;
    int before = supplier.limit();
    LimitDecision decision = limit.update(new Observation(before, usage.peakInUse(), supplier.waiting(),
        usage.completed(), usage.meanServiceMillis(), usage.drops(), sample.scheduleToStartP95Millis(),
        sample.pollLatencyP95Millis(), sample.processCpuLoad(), sample.heapUsedFraction(), usage.byType(),
        workflowTasksStarving));
    if (decision.direction() == Direction.HOLD) {
      log.debug("concurrency limit {} holds at {}: {}", kind.tag(), before, decision.reason());
      return;
    }
    supplier.setLimit(decision.limit());
    adjustments.get(kind).get(decision.direction()).increment();
    log.info("concurrency limit {} {} -> {}: {}", kind.tag(), before, decision.limit(), decision.reason());
  }

  private void safeControlStep() {
    try {
      controlStep();
    } catch (RuntimeException e) {
      // A failing signal source must not kill the periodic task (scheduleAtFixedRate stops on throw).
      log.warn("concurrency control step failed; limits unchanged this interval", e);
    }
  }

  private void register(SlotKind kind, MeterRegistry registry) {
    AdaptiveSlotSupplier<?> supplier = supplier(kind);
    Gauge.builder("temporal_worker_concurrency_limit", supplier, AdaptiveSlotSupplier::limit)
        .description("Current slot limit set by the adaptive concurrency controller")
        .tag("slot_kind", kind.tag())
        .register(registry);
    Gauge.builder("temporal_worker_queue_depth", supplier, AdaptiveSlotSupplier::waiting)
        .description("Slot reservations waiting in the worker's slot supplier")
        .tag("slot_kind", kind.tag())
        .tag("source", "slot_reservations")
        .register(registry);
    Map<Direction, Counter> byDirection = new EnumMap<>(Direction.class);
    for (Direction d : new Direction[] {Direction.UP, Direction.DOWN}) {
      byDirection.put(d, Counter.builder("temporal_worker_concurrency_adjustments_total")
          .description("Concurrency limit changes by direction")
          .tag("slot_kind", kind.tag())
          .tag("direction", d.tag())
          .register(registry));
    }
    adjustments.put(kind, byDirection);
  }

  private AdaptiveSlotSupplier<?> supplier(SlotKind kind) {
    return switch (kind) {
      case WORKFLOW -> workflow;
      case ACTIVITY -> activity;
      case LOCAL_ACTIVITY -> localActivity;
    };
  }

  private static <SI extends io.temporal.worker.tuning.SlotInfo> AdaptiveSlotSupplier<SI> supplier(
      SlotLimits limits, LongSupplier nanoClock, ThreadCpuClock cpuClock) {
    return new AdaptiveSlotSupplier<>(limits.initial(), limits.max(), nanoClock, cpuClock);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "adaptive-concurrency");
    t.setDaemon(true);
    return t;
  }
}
