package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backlog probe's cadence: at once the first time, then only after its period, not every interval. */
class ServerBacklogProbeTest {
  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void firstProbeIsDueAtOnceThenOnlyAfterThePeriod() {
    assertThat(ServerBacklogProbe.due(false, 0, 123, EVERY)).isTrue();
    long last = 10 * SECOND;
    assertThat(ServerBacklogProbe.due(true, last, last + SECOND, EVERY)).as("one interval later").isFalse();
    assertThat(ServerBacklogProbe.due(true, last, last + 5 * SECOND - 1, EVERY)).isFalse();
    assertThat(ServerBacklogProbe.due(true, last, last + 5 * SECOND, EVERY)).isTrue();
  }

  @Test
  void probeIfDueAsksAtMostOncePerPeriod() {
    // Stubs that fail every call: a probe that asks logs the failure and returns, so this counts asks by result.
    ServerBacklogProbe probe = new ServerBacklogProbe(null, "default", java.util.List.of("q"),
        new ExactMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    long t = 100 * SECOND;
    assertThat(probe.probeIfDue(t, EVERY)).isTrue();
    assertThat(probe.probeIfDue(t + SECOND, EVERY)).isFalse();
    assertThat(probe.probeIfDue(t + 4 * SECOND, EVERY)).isFalse();
    assertThat(probe.probeIfDue(t + 5 * SECOND, EVERY)).isTrue();
    assertThat(probe.probeIfDue(t + 6 * SECOND, EVERY)).isFalse();
  }
}
