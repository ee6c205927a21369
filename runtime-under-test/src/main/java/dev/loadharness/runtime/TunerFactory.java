package dev.loadharness.runtime;

import dev.loadharness.runtime.concurrency.AdaptiveConcurrency;
import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.LoadSignals;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.config.RuntimeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import io.temporal.worker.tuning.WorkerTuner;
import java.util.List;
import java.util.Optional;

/** The one seam where a worker's slot policy is chosen from {@link RuntimeConfig#tuner()}. */
final class TunerFactory {
  private TunerFactory() {}

  /**
   * One worker's tuner, and its adaptive controller when there is one.
   *
   * @param tuner what the worker's options get
   * @param adaptive the controller to start and close with the runtime (adaptive tuner only)
   */
  record Tuning(WorkerTuner tuner, Optional<AdaptiveConcurrency> adaptive) {}

  /**
   * The tuning of the worker of {@code taskQueue}. An adaptive controller reports into {@code
   * registry} with a task_queue tag added, so the series of several workers stay apart.
   */
  static Tuning create(RuntimeConfig config, String taskQueue, LoadSignals signals, MeterRegistry registry) {
    return switch (config.tuner()) {
      case FIXED -> new Tuning(fixed(config.concurrency()), Optional.empty());
      case SDK_RESOURCE_BASED -> new Tuning(ResourceBasedTuner.newBuilder()
          .setControllerOptions(ResourceBasedControllerOptions.newBuilder(
                  config.resourceTargetMemory(), config.resourceTargetCpu()).build())
          .build(), Optional.empty());
      case ADAPTIVE -> {
        AdaptiveConcurrency adaptive = AdaptiveConcurrency.create(config.concurrency(), signals,
            taggedView(registry, taskQueue));
        yield new Tuning(adaptive.tuner(), Optional.of(adaptive));
      }
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

  private static MeterRegistry taggedView(MeterRegistry registry, String taskQueue) {
    CompositeMeterRegistry view = new CompositeMeterRegistry();
    view.config().meterFilter(MeterFilter.commonTags(List.of(Tag.of("task_queue", taskQueue))));
    view.add(registry);
    return view;
  }
}
