package dev.loadharness.scenarios.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;

/**
 * An injected regression: holds every workflow task's completion ({@code RespondWorkflowTaskCompleted})
 * back by a fixed delay on the thread that sends it, which is the workflow task's own executor thread, so
 * the task keeps its slot that much longer, as a slow interceptor, codec or data converter would.
 */
final class WorkflowTaskDelay implements ClientInterceptor {
  private final long delayMs;

  WorkflowTaskDelay(Duration delay) {
    this.delayMs = delay.toMillis();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!"RespondWorkflowTaskCompleted".equals(method.getBareMethodName())) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.start(listener, headers);
      }
    };
  }
}
