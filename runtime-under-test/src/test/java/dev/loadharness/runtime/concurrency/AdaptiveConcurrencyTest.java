package dev.loadharness.runtime.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.SlotInfo;
import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReleaseReason;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import io.temporal.worker.tuning.WorkflowSlotInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LoadSignals backlog = kind -> new LoadSignals.Sample(5_000, 20, 0.2, 0.2);

  private static ConcurrencySettings dynamic() {
    return new ConcurrencySettings(true, new SlotLimits(2, 1, 10), new SlotLimits(2, 1, 10),
        new SlotLimits(2, 1, 10), Duration.ofSeconds(1));
  }

  @Test
  void fixedSettingsKeepInitialLimitsAndReportMaxToTheSdk() {
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(ConcurrencySettings.fixed(10, 14, 3), backlog, registry)) {
      c.start();
      c.controlStep();
      assertThat(c.limit(SlotKind.WORKFLOW)).isEqualTo(10);
      assertThat(c.limit(SlotKind.ACTIVITY)).isEqualTo(14);
      assertThat(c.tuner().getActivityTaskSlotSupplier().getMaximumSlots()).contains(14);
      assertThat(c.tuner().getNexusSlotSupplier().getMaximumSlots()).contains(AdaptiveConcurrency.NEXUS_SLOTS);
    }
  }

  @Test
  void controlStepRaisesASaturatedLimitAndExportsIt() throws Exception {
    AtomicLong nanos = new AtomicLong();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(dynamic(),
        VegasLimitSettings.defaults().withCooldownIntervals(0), backlog, registry, nanos::get, scheduler)) {
      SlotSupplier<WorkflowSlotInfo> wf = c.tuner().getWorkflowTaskSlotSupplier();
      SlotPermit a = wf.reserveSlot(null).join();
      SlotPermit b = wf.reserveSlot(null).join();
      wf.markSlotUsed(used(a));
      wf.markSlotUsed(used(b));
      SlotSupplierFuture third = wf.reserveSlot(null);
      assertThat(c.waiting(SlotKind.WORKFLOW)).isEqualTo(1);
      assertThat(registry.get("temporal_worker_queue_depth").tag("slot_kind", "workflow")
          .tag("source", "slot_reservations").gauge().value()).isEqualTo(1.0);

      c.controlStep(); // no completed task yet: holds
      assertThat(c.limit(SlotKind.WORKFLOW)).isEqualTo(2);

      nanos.addAndGet(10_000_000L);
      wf.releaseSlot(released(a));
      wf.markSlotUsed(used(third.join()));
      wf.reserveSlot(null);
      c.controlStep(); // saturated, flat service time, one reservation waiting: grows by beta
      assertThat(c.limit(SlotKind.WORKFLOW)).isEqualTo(8);
      assertThat(c.waiting(SlotKind.WORKFLOW)).isZero();
      assertThat(registry.get("temporal_worker_concurrency_limit").tag("slot_kind", "workflow").gauge().value())
          .isEqualTo(8.0);
      assertThat(registry.get("temporal_worker_concurrency_adjustments_total").tag("slot_kind", "workflow")
          .tag("direction", "up").counter().count()).isEqualTo(1.0);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void activityPoolYieldsInTheStepInWhichWorkflowTasksStarve() throws Exception {
    // Step 1 grows both pools 2 -> 8 (flat service times, work waiting on the server). In step 2 the
    // activity pool grows again (to its max 10); if workflow-task service time rose 10 -> 100 ms meanwhile
    // (workflow tasks starving), it goes back toward its initial 2 instead, at most halving.
    assertThat(activityLimitAfterTwoSteps(10)).isEqualTo(10);
    assertThat(activityLimitAfterTwoSteps(100)).isEqualTo(4);
  }

  private int activityLimitAfterTwoSteps(long workflowServiceMillisInStepTwo) throws Exception {
    AtomicLong nanos = new AtomicLong();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    LoadSignals waitingOnServer = kind -> new LoadSignals.Sample(5_000, 20, 0.3, 0.2);
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(dynamic(),
        VegasLimitSettings.defaults().withCooldownIntervals(0), waitingOnServer, new SimpleMeterRegistry(),
        nanos::get, scheduler)) {
      SlotSupplier<WorkflowSlotInfo> workflow = c.tuner().getWorkflowTaskSlotSupplier();
      SlotSupplier<ActivitySlotInfo> activity = c.tuner().getActivityTaskSlotSupplier();
      runAtOnce(workflow, 2, 10, nanos);
      runAtOnce(activity, 2, 10, nanos);
      c.controlStep();
      assertThat(c.limit(SlotKind.WORKFLOW)).isEqualTo(8);
      assertThat(c.limit(SlotKind.ACTIVITY)).isEqualTo(8);
      runAtOnce(workflow, 8, workflowServiceMillisInStepTwo, nanos);
      runAtOnce(activity, 8, 10, nanos);
      c.controlStep();
      return c.limit(SlotKind.ACTIVITY);
    } finally {
      scheduler.shutdownNow();
    }
  }

  /**
   * Runs {@code n} tasks at once for {@code serviceMillis} of the injected clock, each burning at least
   * 2 ms of this thread's CPU (what makes an activity type CPU-consuming; workflow CPU is not measured).
   */
  private static <SI extends SlotInfo> void runAtOnce(SlotSupplier<SI> supplier, int n, long serviceMillis,
      AtomicLong nanos) throws Exception {
    List<SlotPermit> permits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SlotPermit permit = supplier.reserveSlot(null).join();
      supplier.markSlotUsed(used(permit));
      permits.add(permit);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 2_000_000L;
    while (threads.isCurrentThreadCpuTimeSupported() && threads.getCurrentThreadCpuTime() < until) {
      Thread.onSpinWait();
    }
    nanos.addAndGet(serviceMillis * 1_000_000L);
    permits.forEach(permit -> supplier.releaseSlot(released(permit)));
  }

  @Test
  void stepsEverySecondForTheFirstIntervalAndWhileReservationsWaitElseOncePerInterval() throws Exception {
    RecordingScheduler scheduler = new RecordingScheduler();
    ConcurrencySettings twoSeconds = new ConcurrencySettings(true, new SlotLimits(2, 1, 10), new SlotLimits(2, 1, 10),
        new SlotLimits(2, 1, 10), Duration.ofSeconds(2));
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(twoSeconds, VegasLimitSettings.defaults(), backlog,
        registry, System::nanoTime, scheduler)) {
      c.start();
      assertThat(c.ramping()).isTrue();
      assertThat(scheduler.periods).as("one loop ticking every second").containsExactly(1_000L);

      awaitRamping(c, false);
      assertThat(c.ramping()).as("settled: nothing waited for a slot").isFalse();

      // Both workflow slots taken and a third reservation waiting: the next tick steps every second again.
      SlotSupplier<WorkflowSlotInfo> wf = c.tuner().getWorkflowTaskSlotSupplier();
      List<SlotPermit> held = List.of(wf.reserveSlot(null).join(), wf.reserveSlot(null).join());
      held.forEach(p -> wf.markSlotUsed(used(p)));
      SlotSupplierFuture third = wf.reserveSlot(null);
      awaitRamping(c, true);
      assertThat(c.ramping()).as("re-armed by a waiting reservation").isTrue();

      held.forEach(p -> wf.releaseSlot(released(p)));
      wf.releaseSlot(released(third.join()));
      awaitRamping(c, false);
      assertThat(c.ramping()).as("settled again a control interval after the wait ended").isFalse();
      assertThat(scheduler.periods).containsExactly(1_000L);
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static void awaitRamping(AdaptiveConcurrency c, boolean ramping) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (c.ramping() != ramping && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void aControlIntervalOfOneSecondHasNoRamp() {
    RecordingScheduler scheduler = new RecordingScheduler();
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(dynamic(), VegasLimitSettings.defaults(), backlog,
        registry, System::nanoTime, scheduler)) {
      c.start();
      assertThat(c.ramping()).isFalse();
      assertThat(scheduler.periods).containsExactly(1_000L);
      assertThat(scheduler.delays).isEmpty();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** A real single-thread scheduler that records the periods and delays it is asked for. */
  private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<Long> periods = new CopyOnWriteArrayList<>();
    final List<Long> delays = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period,
        TimeUnit unit) {
      periods.add(unit.toMillis(period));
      return super.scheduleAtFixedRate(task, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay,
        TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      return super.schedule(task, delay, unit);
    }
  }

  private static <SI extends SlotInfo> SlotMarkUsedContext<SI> used(SlotPermit permit) {
    return new SlotMarkUsedContext<>() {
      @Override
      public SI getSlotInfo() {
        return null;
      }

      @Override
      public SlotPermit getSlotPermit() {
        return permit;
      }
    };
  }

  private static <SI extends SlotInfo> SlotReleaseContext<SI> released(SlotPermit permit) {
    return new SlotReleaseContext<>() {
      @Override
      public SlotReleaseReason getSlotReleaseReason() {
        return SlotReleaseReason.taskComplete();
      }

      @Override
      public SlotPermit getSlotPermit() {
        return permit;
      }

      @Override
      public SI getSlotInfo() {
        return null;
      }
    };
  }

  @Test
  void exportsLimitGaugesAndAdjustmentCountersPerKind() {
    try (AdaptiveConcurrency c = AdaptiveConcurrency.create(dynamic(), backlog, registry)) {
      for (SlotKind kind : SlotKind.values()) {
        assertThat(registry.get("temporal_worker_concurrency_limit").tag("slot_kind", kind.tag()).gauge().value())
            .isEqualTo(2.0);
        assertThat(registry.get("temporal_worker_concurrency_adjustments_total").tag("slot_kind", kind.tag())
            .tag("direction", "up").counter().count()).isZero();
      }
    }
  }
}
