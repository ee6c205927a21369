package dev.loadharness.scenarios.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;

/**
 * Times long polls on the wire and keeps only those that returned a task: an empty poll's latency is the
 * server's long-poll timeout, not a property of the worker, and would drown the p95.
 */
final class PollLatencyInterceptor implements ClientInterceptor {
  private final WorkerMetrics metrics;

  PollLatencyInterceptor(WorkerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    if (!"PollWorkflowTaskQueue".equals(name) && !"PollActivityTaskQueue".equals(name)) {
      return next.newCall(method, options);
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        long begin = System.nanoTime();
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(R message) {
            if (hasTask(message)) {
              metrics.recordPoll(System.nanoTime() - begin);
            }
            super.onMessage(message);
          }
        }, headers);
      }
    };
  }

  private static boolean hasTask(Object message) {
    if (message instanceof PollWorkflowTaskQueueResponse r) {
      return !r.getTaskToken().isEmpty();
    }
    return message instanceof PollActivityTaskQueueResponse r && !r.getTaskToken().isEmpty();
  }
}
