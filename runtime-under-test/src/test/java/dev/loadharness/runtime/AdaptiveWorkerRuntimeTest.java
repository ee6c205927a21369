package dev.loadharness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.MetricsConfig;
import dev.loadharness.runtime.config.MetricsExporter;
import dev.loadharness.runtime.config.PollerConfig;
import dev.loadharness.runtime.config.PollerMode;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.config.TunerKind;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import io.temporal.worker.tuning.PollerBehaviorSimpleMaximum;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What needs no server: registration, state rules, poller mapping, idempotent close. */
class AdaptiveWorkerRuntimeTest {

  private static RuntimeConfig offline() {
    ConnectionConfig lazy = new ConnectionConfig("127.0.0.1:1", "ns", Optional.empty(), Optional.empty(),
        ConnectionConfig.DEFAULT_KEEPALIVE_TIME, ConnectionConfig.DEFAULT_KEEPALIVE_TIMEOUT,
        ConnectionConfig.DEFAULT_RECONNECT_FREQUENCY, false);
    return RuntimeConfig.defaults("127.0.0.1:1", "ns", "q").withConnection(lazy)
        .withMetrics(new MetricsConfig(Set.of(MetricsExporter.NONE), Optional.empty(), 0, Duration.ofSeconds(1),
            Optional.empty()));
  }

  @Test
  void registersEveryCatalogServiceLoaderFinds() {
    AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(offline());
    try {
      assertThat(runtime.registerCatalogs(getClass().getClassLoader())).containsExactly("test-catalog");
      assertThat(runtime.state()).isEqualTo(RuntimeState.CREATED);
    } finally {
      runtime.close();
      runtime.close();
    }
    assertThat(runtime.state()).isEqualTo(RuntimeState.CLOSED);
    assertThatThrownBy(() -> runtime.registerActivitiesImplementations(new Object()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state CLOSED");
  }

  @Test
  void pollerModesMapToTheSdkBehaviours() {
    RuntimeConfig base = offline();
    assertThat(AdaptiveWorkerRuntime.pollers(base, SlotKind.WORKFLOW)).isEqualTo(new PollerBehaviorSimpleMaximum(5));
    RuntimeConfig scaling = base.withPollers(new PollerConfig(PollerMode.AUTOSCALING, 4, 4, 2, 50, Duration.ZERO));
    assertThat(AdaptiveWorkerRuntime.pollers(scaling, SlotKind.ACTIVITY))
        .isEqualTo(new PollerBehaviorAutoscaling(2, 50, 4));
    RuntimeConfig bounded = base
        .withConcurrency(TunerKind.ADAPTIVE, new ConcurrencySettings(true, new SlotLimits(4, 1, 8),
            new SlotLimits(4, 1, 12), new SlotLimits(4, 1, 8), Duration.ofSeconds(1)))
        .withPollers(new PollerConfig(PollerMode.SLOT_BOUNDED, 4, 4, 2, 50, Duration.ZERO));
    assertThat(AdaptiveWorkerRuntime.pollers(bounded, SlotKind.ACTIVITY))
        .as("never more pollers than the kind's slot maximum")
        .isEqualTo(new PollerBehaviorAutoscaling(2, 12, 4));
  }

  @Test
  void drainBeforeStartIsImmediateAndStartAfterDrainIsRefused() {
    try (AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(offline())) {
      assertThat(runtime.drain(Duration.ofSeconds(1))).isTrue();
      assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("DRAINING");
    }
  }
}
