package dev.loadharness.jmh.concurrency;

import com.uber.m3.tally.NoopScope;
import dev.loadharness.runtime.concurrency.permits.AdaptiveSlotSupplier;
import io.temporal.internal.worker.SlotReservationData;
import io.temporal.internal.worker.TrackingSlotSupplier;
import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.ResourceBasedController;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedSlotOptions;
import io.temporal.worker.tuning.ResourceBasedSlotSupplier;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseReason;
import io.temporal.worker.tuning.SlotSupplier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one slot's reserve, mark-used and release cost, under contention from two
 * threads, for the runtime's adaptive supplier compared with the SDK's fixed-size and resource-based
 * suppliers? Each supplier is driven through the SDK's own {@code TrackingSlotSupplier}, the wrapper
 * every worker puts around it, so the numbers include the bookkeeping a real worker pays.
 *
 * <p>Baseline: {@code fixed}, the SDK's default supplier, measured in the same run. Limits (200)
 * are far above the two threads' demand, so no reservation waits: this is the uncontended fast path
 * of each supplier's bookkeeping, not its admission policy. The resource-based supplier runs with
 * {@code minimumSlots} above the demand, so it, too, issues without consulting its PID controller.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SlotSupplierBenchmark {
  private static final int SLOTS = 200;
  private static final SlotReservationData RESERVATION = new SlotReservationData("bench", "bench-worker", "");
  private static final ActivitySlotInfo INFO = new ActivitySlotInfo(null, "bench-worker", "");

  @Param({"fixed", "adaptive", "resource-based"})
  public String supplier;

  private TrackingSlotSupplier<ActivitySlotInfo> tracking;

  @Setup
  public void setUp() {
    tracking = new TrackingSlotSupplier<>(create(supplier), new NoopScope());
  }

  private static SlotSupplier<ActivitySlotInfo> create(String kind) {
    return switch (kind) {
      case "fixed" -> new FixedSizeSlotSupplier<>(SLOTS);
      case "adaptive" -> new AdaptiveSlotSupplier<>(SLOTS, SLOTS, System::nanoTime);
      case "resource-based" ->
          ResourceBasedSlotSupplier.createForActivity(
              ResourceBasedController.newSystemInfoController(
                  ResourceBasedControllerOptions.newBuilder(0.8, 0.9).build()),
              ResourceBasedSlotOptions.newBuilder()
                  .setMinimumSlots(SLOTS)
                  .setMaximumSlots(SLOTS * 2)
                  .setRampThrottle(Duration.ZERO)
                  .build());
      default -> throw new IllegalArgumentException("supplier: unknown '" + kind + "'; known: fixed, adaptive, resource-based");
    };
  }

  @Benchmark
  public SlotPermit reserveUseRelease() {
    SlotPermit permit =
        tracking
            .tryReserveSlot(RESERVATION)
            .orElseThrow(() -> new IllegalStateException(supplier + " refused a slot below its limit"));
    tracking.markSlotUsed(INFO, permit);
    tracking.releaseSlot(SlotReleaseReason.taskComplete(), permit);
    return permit;
  }
}
