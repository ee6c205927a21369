package dev.loadharness.runtime.heartbeat;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A worker interceptor that adapts, per activity type, how often heartbeats are passed on to the
 * SDK, within (0, heartbeat timeout), from heartbeat latency, retries and heartbeat timeouts, and
 * counts heartbeats sent, throttled and timed out per type.
 *
 * <p>How it sits on the SDK: SDK 1.38 already coalesces heartbeats (HeartbeatContextImpl sends one
 * RPC, then at most one per throttle interval: 80% of the heartbeat timeout capped by
 * {@code WorkerOptions.maxHeartbeatThrottleInterval}, default 60 s). This throttle works in front of
 * it, per type; it governs the RPC rate when it is the longer of the two, so set the worker's
 * {@code maxHeartbeatThrottleInterval} below the smallest throttle you want to take effect.
 */
public final class HeartbeatTuningInterceptor extends WorkerInterceptorBase {

  private final HeartbeatTuningSettings settings;
  private final HeartbeatCounters counters;
  private final LongSupplier nanoClock;
  private final Map<String, HeartbeatThrottle> throttles = new ConcurrentHashMap<>();

  /** Creates the interceptor; register it with {@code WorkerFactoryOptions.setWorkerInterceptors}. */
  public HeartbeatTuningInterceptor(HeartbeatTuningSettings settings, MeterRegistry registry) {
    this(settings, registry, System::nanoTime);
  }

  /** As the public constructor, with an injectable clock (for tests). */
  HeartbeatTuningInterceptor(HeartbeatTuningSettings settings, MeterRegistry registry, LongSupplier nanoClock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.counters = new HeartbeatCounters(Objects.requireNonNull(registry, "registry"));
    this.nanoClock = nanoClock;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private HeartbeatThrottle throttle;

      @Override
      public void init(ActivityExecutionContext context) {
        String type = context.getInfo().getActivityType();
        throttle = throttle(type);
        if (context.getInfo().getAttempt() > 1) {
          throttle.onRetry();
        }
        super.init(new ThrottledHeartbeatContext(context, throttle, counters, nanoClock));
      }
    };
  }

  /** The throttle of one activity type, created on first use. */
  public HeartbeatThrottle throttle(String activityType) {
    return throttles.computeIfAbsent(activityType, t -> new HeartbeatThrottle(settings));
  }
}
