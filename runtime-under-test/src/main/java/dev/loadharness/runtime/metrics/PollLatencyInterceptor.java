package dev.loadharness.runtime.metrics;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Times long polls and records {@link MetricNames#POLL_LATENCY_MS} only for polls that returned a
 * task. The SDK's temporal_long_request_latency mixes in empty polls that simply hit the server's
 * long-poll timeout (about a minute), which says nothing about how quickly work reaches a worker.
 */
public final class PollLatencyInterceptor implements ClientInterceptor {
  private final Sink sink;
  private final LongSupplier nanoClock;

  /** Where a successful poll's latency goes. */
  @FunctionalInterface
  public interface Sink {
    /** One poll that returned a task: its poller type (SDK spelling), normal task queue and latency. */
    void record(String pollerType, String taskQueue, double millis);
  }

  /** An interceptor recording into {@code metrics} with {@link System#nanoTime()}. */
  public PollLatencyInterceptor(ExactMetrics metrics) {
    this(toExactMetrics(metrics), System::nanoTime);
  }

  /** An interceptor handing each successful poll to {@code sink}, timed with {@link System#nanoTime()}. */
  public PollLatencyInterceptor(Sink sink) {
    this(sink, System::nanoTime);
  }

  PollLatencyInterceptor(ExactMetrics metrics, LongSupplier nanoClock) {
    this(toExactMetrics(metrics), nanoClock);
  }

  private PollLatencyInterceptor(Sink sink, LongSupplier nanoClock) {
    this.sink = sink;
    this.nanoClock = nanoClock;
  }

  private static Sink toExactMetrics(ExactMetrics metrics) {
    // One series per poller type and queue, resolved on its first poll: a key per poll was hashed twice for nothing.
    Map<String, Map<String, ExactMetrics.Summary>> series = new ConcurrentHashMap<>();
    return (pollerType, taskQueue, millis) -> series.computeIfAbsent(pollerType, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(taskQueue, q -> metrics.summary(new SeriesKey(MetricNames.POLL_LATENCY_MS,
            Map.of("poller_type", pollerType, "task_queue", q))))
        .recordMillis(millis);
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    String bare = method.getBareMethodName();
    if (bare == null || !bare.startsWith("Poll") || !bare.endsWith("TaskQueue")) {
      return next.newCall(method, callOptions);
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
      private long startNanos;
      private String taskQueue = "";
      private volatile boolean gotTask;

      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        startNanos = nanoClock.getAsLong();
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(RespT message) {
            gotTask = hasTask(message);
            super.onMessage(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            if (status.isOk() && gotTask) {
              sink.record(pollerType(bare), taskQueue, (nanoClock.getAsLong() - startNanos) / 1_000_000.0);
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }

      @Override
      public void sendMessage(ReqT message) {
        if (message instanceof PollWorkflowTaskQueueRequest r) {
          // A sticky poll names this worker's own queue; tag it by the normal queue it serves.
          String normal = r.getTaskQueue().getNormalName();
          taskQueue = normal.isEmpty() ? r.getTaskQueue().getName() : normal;
        } else if (message instanceof PollActivityTaskQueueRequest r) {
          taskQueue = r.getTaskQueue().getName();
        }
        super.sendMessage(message);
      }
    };
  }

  /** The poller_type tag value, matching the SDK's spelling. */
  static String pollerType(String bareMethod) {
    return switch (bareMethod) {
      case "PollWorkflowTaskQueue" -> "workflow_task";
      case "PollActivityTaskQueue" -> "activity_task";
      case "PollNexusTaskQueue" -> "nexus_task";
      default -> bareMethod;
    };
  }

  private static boolean hasTask(Object message) {
    if (message instanceof PollWorkflowTaskQueueResponse r) {
      return !r.getTaskToken().isEmpty();
    }
    if (message instanceof PollActivityTaskQueueResponse r) {
      return !r.getTaskToken().isEmpty();
    }
    if (message instanceof PollNexusTaskQueueResponse r) {
      return !r.getTaskToken().isEmpty();
    }
    return false;
  }
}
