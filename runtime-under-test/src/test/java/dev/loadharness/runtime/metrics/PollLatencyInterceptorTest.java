package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Empty polls are not poll latency; polls that return a task are, timed exactly. */
class PollLatencyInterceptorTest {

  @Test
  void recordsOnlyPollsThatReturnATask() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server server = InProcessServerBuilder.forName("poll-test").directExecutor()
        .addService(new WorkflowServiceGrpc.WorkflowServiceImplBase() {
          @Override
          public void pollActivityTaskQueue(PollActivityTaskQueueRequest request,
              StreamObserver<PollActivityTaskQueueResponse> observer) {
            // Odd calls: the long poll expired empty; even calls: a task.
            boolean task = calls.incrementAndGet() % 2 == 0;
            observer.onNext(task
                ? PollActivityTaskQueueResponse.newBuilder().setTaskToken(ByteString.copyFromUtf8("t")).build()
                : PollActivityTaskQueueResponse.getDefaultInstance());
            observer.onCompleted();
          }
        }).build().start();
    ExactMetrics metrics = new ExactMetrics(new SimpleMeterRegistry());
    AtomicLong nanos = new AtomicLong();
    // Every clock read advances 7 ms: a task poll reads twice (start, close) and so lasts 7 ms.
    PollLatencyInterceptor interceptor = new PollLatencyInterceptor(metrics, () -> nanos.addAndGet(7_000_000));
    ManagedChannel channel = InProcessChannelBuilder.forName("poll-test").directExecutor().intercept(interceptor).build();
    try {
      WorkflowServiceGrpc.WorkflowServiceBlockingStub stub = WorkflowServiceGrpc.newBlockingStub(channel);
      for (int i = 0; i < 10; i++) {
        stub.pollActivityTaskQueue(PollActivityTaskQueueRequest.newBuilder()
            .setTaskQueue(TaskQueue.newBuilder().setName("q")).build());
      }
      IntervalSnapshot snapshot = metrics.snapshot();
      Histogram h = snapshot.merged(MetricNames.POLL_LATENCY_MS);
      assertThat(h.getTotalCount()).isEqualTo(5);
      assertThat(h.valuesAreEquivalent(h.getMaxValue(), 7_000)).isTrue();
      assertThat(h.valuesAreEquivalent(h.getMinValue(), 7_000)).isTrue();
      assertThat(snapshot.histograms().keySet()).allSatisfy(key -> {
        assertThat(key.tag("poller_type")).isEqualTo("activity_task");
        assertThat(key.tag("task_queue")).isEqualTo("q");
      });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
