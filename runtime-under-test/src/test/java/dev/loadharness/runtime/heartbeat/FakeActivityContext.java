package dev.loadharness.runtime.heartbeat;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.CancellationToken;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A context that records the heartbeats reaching "the SDK" and can take simulated RPC time. */
final class FakeActivityContext extends ActivityExecutionContextBase {

  final List<Object> delivered = new ArrayList<>();
  final AtomicLong clock;
  long rpcNanos;
  RuntimeException failNext;
  private final ActivityInfo info;

  FakeActivityContext(String type, Duration heartbeatTimeout, int attempt, AtomicLong clock) {
    super((ActivityExecutionContext) null);
    this.clock = clock;
    this.info = (ActivityInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ActivityInfo.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getActivityType" -> type;
          case "getHeartbeatTimeout" -> heartbeatTimeout;
          case "getAttempt" -> attempt;
          case "toString" -> "FakeActivityInfo";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Override
  public ActivityInfo getInfo() {
    return info;
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    clock.addAndGet(rpcNanos);
    if (failNext != null) {
      RuntimeException e = failNext;
      failNext = null;
      throw e;
    }
    delivered.add(details);
  }

  @Override
  public CancellationToken<ActivityCanceledException> getCancellationToken() {
    return CancellationToken.none();
  }
}
