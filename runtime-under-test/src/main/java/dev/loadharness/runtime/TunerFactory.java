package dev.loadharness.runtime;

import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.TunerKind;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import io.temporal.worker.tuning.WorkerTuner;

/**
 * The one seam where a worker's slot policy is chosen from {@link RuntimeConfig#tuner()}. Wiring
 * the adaptive controller means returning its tuner for {@link TunerKind#ADAPTIVE} here.
 */
final class TunerFactory {
  private TunerFactory() {}

  /** The tuner for one worker. */
  static WorkerTuner create(RuntimeConfig config) {
    return switch (config.tuner()) {
      case FIXED -> fixed(config.concurrency());
      case SDK_RESOURCE_BASED -> ResourceBasedTuner.newBuilder()
          .setControllerOptions(ResourceBasedControllerOptions.newBuilder(
                  config.resourceTargetMemory(), config.resourceTargetCpu()).build())
          .build();
      case ADAPTIVE -> throw new IllegalArgumentException("TEMPORAL_TUNER=adaptive (TEMPORAL_DYNAMIC_CONCURRENCY=true) "
          + "needs the adaptive concurrency controller, which this build does not contain; use fixed or "
          + "sdk-resource-based");
    };
  }

  /** The SDK's fixed-size suppliers at each kind's initial limit (nexus gets the activity limit). */
  static WorkerTuner fixed(ConcurrencySettings settings) {
    int activity = settings.limits(SlotKind.ACTIVITY).initial();
    return new CompositeTuner(
        new FixedSizeSlotSupplier<>(settings.limits(SlotKind.WORKFLOW).initial()),
        new FixedSizeSlotSupplier<>(activity),
        new FixedSizeSlotSupplier<>(settings.limits(SlotKind.LOCAL_ACTIVITY).initial()),
        new FixedSizeSlotSupplier<>(activity));
  }
}
