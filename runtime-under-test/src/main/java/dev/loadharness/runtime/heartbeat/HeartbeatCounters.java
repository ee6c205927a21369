package dev.loadharness.runtime.heartbeat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code temporal_activity_heartbeats_total{activity_type,outcome}}: heartbeats per type and outcome. */
final class HeartbeatCounters {

  static final String NAME = "temporal_activity_heartbeats_total";

  private final MeterRegistry registry;

  HeartbeatCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String activityType, HeartbeatOutcome outcome) {
    // Micrometer caches meters by id, so this lookup is a map hit after the first call per pair.
    Counter.builder(NAME)
        .description("Activity heartbeats by outcome: sent to the SDK, throttled, timed out")
        .tag("activity_type", activityType)
        .tag("outcome", outcome.tag())
        .register(registry)
        .increment();
  }
}
