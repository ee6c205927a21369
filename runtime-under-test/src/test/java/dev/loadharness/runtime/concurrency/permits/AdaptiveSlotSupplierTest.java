package dev.loadharness.runtime.concurrency.permits;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.worker.tuning.ActivitySlotInfo;
import dev.loadharness.runtime.concurrency.limit.ServiceTime;
import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReleaseReason;
import io.temporal.worker.tuning.SlotSupplierFuture;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveSlotSupplierTest {

  private final AtomicLong nanos = new AtomicLong();
  private final AdaptiveSlotSupplier<ActivitySlotInfo> supplier = new AdaptiveSlotSupplier<>(2, 5, nanos::get);

  @Test
  void reportsTheMaximumNotTheCurrentLimit() {
    assertThat(supplier.getMaximumSlots()).contains(5);
    supplier.setLimit(50);
    assertThat(supplier.limit()).isEqualTo(5);
  }

  @Test
  void measuresFromMarkUsedAndMapsReleaseReasons() {
    SlotPermit a = supplier.reserveSlot(null).join();
    SlotPermit b = supplier.reserveSlot(null).join();
    nanos.set(1_000_000_000L); // reservation time must not count
    supplier.markSlotUsed(used(a));
    supplier.markSlotUsed(used(b));
    nanos.addAndGet(40_000_000L);
    supplier.releaseSlot(released(a, SlotReleaseReason.taskComplete()));
    supplier.releaseSlot(released(b, SlotReleaseReason.error(new RuntimeException("boom"))));
    SlotPermit never = supplier.reserveSlot(null).join();
    supplier.releaseSlot(released(never, SlotReleaseReason.neverUsed()));

    SlotUsage usage = supplier.drainUsage();
    assertThat(usage).isEqualTo(new SlotUsage(1, 40.0, 1, 2, Map.of("", new ServiceTime(1, 40.0))));
    assertThat(supplier.issued()).isZero();
  }

  @Test
  void measuresTheTaskThreadsCpuTimeOnlyWhenReleasedOnTheSameThread() throws Exception {
    AtomicLong cpu = new AtomicLong(5_000_000L);
    AdaptiveSlotSupplier<ActivitySlotInfo> measured = new AdaptiveSlotSupplier<>(2, 5, nanos::get, cpu::get);
    SlotPermit same = measured.reserveSlot(null).join();
    SlotPermit other = measured.reserveSlot(null).join();
    measured.markSlotUsed(used(same));
    measured.markSlotUsed(used(other));
    nanos.addAndGet(100_000_000L);
    cpu.addAndGet(30_000_000L);
    measured.releaseSlot(released(same, SlotReleaseReason.taskComplete()));
    Thread elsewhere = new Thread(() -> measured.releaseSlot(released(other, SlotReleaseReason.taskComplete())));
    elsewhere.start();
    elsewhere.join();

    // Two tasks of the unnamed type: both 100 ms, only the same-thread one has a CPU time (30 ms).
    assertThat(measured.drainUsage().byType()).containsEntry("", new ServiceTime(2, 100.0, 30.0));
  }

  @Test
  void slotInfoWithoutTaskInfoCountsUnderTheUnnamedType() {
    // SlotSupplierBenchmark (and any caller building slot info by hand) passes no ActivityInfo.
    assertThat(AdaptiveSlotSupplier.typeOf(new ActivitySlotInfo(null, "worker", "build"))).isEmpty();
    assertThat(AdaptiveSlotSupplier.typeOf(null)).isEmpty();
  }

  @Test
  void abortingAWaitingReservationFreesItWithoutIssuingAPermit() {
    supplier.reserveSlot(null);
    supplier.reserveSlot(null);
    SlotSupplierFuture waiting = supplier.reserveSlot(null);
    assertThat(supplier.waiting()).isEqualTo(1);
    assertThat(waiting.abortReservation()).isNull();
    assertThat(waiting).isCompletedExceptionally();
    assertThat(supplier.waiting()).isZero();
    assertThat(supplier.issued()).isEqualTo(2);
  }

  @Test
  void abortingAGrantedReservationHandsBackItsPermit() {
    SlotSupplierFuture granted = supplier.reserveSlot(null);
    SlotPermit permit = granted.abortReservation();
    assertThat(permit).isSameAs(granted.join());
    supplier.releaseSlot(released(permit, SlotReleaseReason.neverUsed()));
    assertThat(supplier.issued()).isZero();
  }

  @Test
  void raisingTheLimitServesWaitingReservations() {
    supplier.reserveSlot(null);
    supplier.reserveSlot(null);
    SlotSupplierFuture third = supplier.reserveSlot(null);
    assertThat(supplier.tryReserveSlot(null)).isEmpty();
    supplier.setLimit(3);
    assertThat(third).isDone();
  }

  private static SlotMarkUsedContext<ActivitySlotInfo> used(SlotPermit permit) {
    return new SlotMarkUsedContext<>() {
      @Override
      public ActivitySlotInfo getSlotInfo() {
        return null;
      }

      @Override
      public SlotPermit getSlotPermit() {
        return permit;
      }
    };
  }

  private static SlotReleaseContext<ActivitySlotInfo> released(SlotPermit permit, SlotReleaseReason reason) {
    return new SlotReleaseContext<>() {
      @Override
      public SlotReleaseReason getSlotReleaseReason() {
        return reason;
      }

      @Override
      public SlotPermit getSlotPermit() {
        return permit;
      }

      @Override
      public ActivitySlotInfo getSlotInfo() {
        return null;
      }
    };
  }
}
