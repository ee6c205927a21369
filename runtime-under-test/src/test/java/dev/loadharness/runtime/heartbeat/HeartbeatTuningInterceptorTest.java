package dev.loadharness.runtime.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeartbeatTuningInterceptorTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final AtomicLong clock = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HeartbeatTuningInterceptor interceptor =
      new HeartbeatTuningInterceptor(HeartbeatTuningSettings.defaults(), registry, clock::get);

  private ActivityExecutionContext wrap(FakeActivityContext fake) {
    AtomicReference<ActivityExecutionContext> seen = new AtomicReference<>();
    ActivityInboundCallsInterceptor root = new ActivityInboundCallsInterceptor() {
      @Override
      public void init(ActivityExecutionContext context) {
        seen.set(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        throw new UnsupportedOperationException();
      }
    };
    interceptor.interceptActivity(root).init(fake);
    return seen.get();
  }

  private double count(String type, String outcome) {
    var c = registry.find(HeartbeatCounters.NAME).tag("activity_type", type).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void passesTheFirstHeartbeatAndThrottlesWithinHalfTheTimeout() {
    FakeActivityContext fake = new FakeActivityContext("Upload", Duration.ofSeconds(10), 1, clock);
    ActivityExecutionContext ctx = wrap(fake);
    ctx.heartbeat(1);
    clock.addAndGet(4_999 * MS);
    ctx.heartbeat(2);
    clock.addAndGet(1 * MS);
    ctx.heartbeat(3);
    assertThat(fake.delivered).containsExactly(1, 3);
    assertThat(count("Upload", "sent")).isEqualTo(2);
    assertThat(count("Upload", "throttled")).isEqualTo(1);
  }

  @Test
  void withoutAHeartbeatTimeoutEveryHeartbeatReachesTheSdk() {
    FakeActivityContext fake = new FakeActivityContext("NoTimeout", Duration.ZERO, 1, clock);
    ActivityExecutionContext ctx = wrap(fake);
    ctx.heartbeat("a");
    ctx.heartbeat("b");
    assertThat(fake.delivered).containsExactly("a", "b");
  }

  @Test
  void slowHeartbeatsWidenTheThrottleUpToItsMaximum() {
    FakeActivityContext fake = new FakeActivityContext("Slow", Duration.ofSeconds(10), 1, clock);
    fake.rpcNanos = 400 * MS;
    ActivityExecutionContext ctx = wrap(fake);
    for (int i = 0; i < 20; i++) {
      ctx.heartbeat(i);
      clock.addAndGet(10_000 * MS);
    }
    HeartbeatThrottle throttle = interceptor.throttle("Slow");
    assertThat(throttle.fraction()).isEqualTo(0.8);
    // 80% of 10 s, but twice the 400 ms latency stays free before the timeout.
    assertThat(throttle.interval(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(8_000));
    assertThat(throttle.interval(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void heartbeatTimeoutsNarrowTheThrottleAndAreCounted() {
    FakeActivityContext fake = new FakeActivityContext("Flaky", Duration.ofSeconds(10), 1, clock);
    ActivityExecutionContext ctx = wrap(fake);
    fake.failNext = new ActivityCanceledException(null,
        new TimeoutFailure("heartbeat", null, TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
    assertThatThrownBy(() -> ctx.heartbeat(1)).isInstanceOf(ActivityCanceledException.class);
    assertThat(interceptor.throttle("Flaky").fraction()).isEqualTo(0.25);
    assertThat(count("Flaky", "timed_out")).isEqualTo(1);
    assertThat(count("Flaky", "sent")).isZero();
  }

  @Test
  void retriedAttemptsNarrowTheThrottleAndNeverBelowTheMinimum() {
    for (int i = 0; i < 100; i++) {
      wrap(new FakeActivityContext("Retried", Duration.ofSeconds(10), 2, clock));
    }
    HeartbeatThrottle throttle = interceptor.throttle("Retried");
    assertThat(throttle.fraction()).isEqualTo(0.05);
    assertThat(throttle.interval(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void typesAdaptIndependently() {
    wrap(new FakeActivityContext("A", Duration.ofSeconds(10), 2, clock));
    assertThat(interceptor.throttle("A").fraction()).isLessThan(0.5);
    assertThat(interceptor.throttle("B").fraction()).isEqualTo(0.5);
  }

  @Test
  void settingsRejectAThrottleAtOrBeyondTheTimeout() {
    assertThatThrownBy(() -> new HeartbeatTuningSettings(0.5, 0.05, 1.0, Duration.ofMillis(250), 1.25, 0.5, 0.9, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFraction")
        .hasMessageContaining("1.0");
  }
}
