package dev.loadharness.runtime.metrics;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the server's backlog per task queue with DescribeTaskQueue (report_stats) and publishes it
 * as {@link MetricNames#QUEUE_DEPTH}{source=server, task_queue, slot_kind} (the same tag keys as the
 * adaptive suppliers' source=slot_reservations series, as Prometheus requires). A server that answers UNIMPLEMENTED (the
 * in-memory test server) is logged once and never asked again, and the gauge stays absent.
 */
public final class ServerBacklogProbe {
  private static final Logger log = LoggerFactory.getLogger(ServerBacklogProbe.class);

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final List<String> taskQueues;
  private final ExactMetrics metrics;
  private volatile boolean unsupported;
  private long lastProbeNanos;
  private boolean probed;

  /** A probe of {@code taskQueues} in {@code namespace}. */
  public ServerBacklogProbe(WorkflowServiceStubs stubs, String namespace, List<String> taskQueues, ExactMetrics metrics) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.taskQueues = List.copyOf(taskQueues);
    this.metrics = metrics;
  }

  /**
   * The server's approximate backlog of one task queue and type (DescribeTaskQueue with report_stats),
   * within 5 s; throws the gRPC status (UNIMPLEMENTED on the in-memory test server).
   */
  public static long approximateBacklog(WorkflowServiceStubs stubs, String namespace, String queue,
      TaskQueueType type) {
    return stubs.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
        .describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
            .setNamespace(namespace)
            .setTaskQueue(TaskQueue.newBuilder().setName(queue))
            .setTaskQueueType(type)
            .setReportStats(true)
            .build())
        .getStats().getApproximateBacklogCount();
  }

  /** True once the server said it cannot describe task queues. */
  public boolean unsupported() {
    return unsupported;
  }

  /**
   * Probes when {@code every} has passed since the last probe through this method (at once the first time);
   * returns whether it probed. Why not every metrics interval: two DescribeTaskQueue round trips per queue were
   * most of an idle worker's runtime CPU (JFR, docs/runtime.md "Own cost"), while the gauge is read by
   * Prometheus scrapes seconds apart.
   */
  public synchronized boolean probeIfDue(long nowNanos, java.time.Duration every) {
    if (!due(probed, lastProbeNanos, nowNanos, every)) {
      return false;
    }
    probed = true;
    lastProbeNanos = nowNanos;
    probe();
    return true;
  }

  /** Whether a probe is due at {@code nowNanos}: never probed, or {@code every} passed since {@code lastNanos}. */
  static boolean due(boolean probed, long lastNanos, long nowNanos, java.time.Duration every) {
    return !probed || nowNanos - lastNanos >= every.toNanos();
  }

  /** Asks the server once per queue and type; never throws. */
  public void probe() {
    if (unsupported) {
      return;
    }
    for (String queue : taskQueues) {
      for (TaskQueueType type : List.of(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)) {
        try {
          long backlog = approximateBacklog(stubs, namespace, queue, type);
          metrics.gauge(new SeriesKey(MetricNames.QUEUE_DEPTH, Map.of(
              "source", "server", "task_queue", queue,
              "slot_kind", type == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW ? "workflow" : "activity")), backlog);
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
            unsupported = true;
            log.info("server backlog unavailable: DescribeTaskQueue is UNIMPLEMENTED on this server; "
                + "{}{{source=server}} will not be reported", MetricNames.QUEUE_DEPTH);
            return;
          }
          log.debug("DescribeTaskQueue({}) failed: {}", queue, e.getStatus());
        } catch (RuntimeException e) {
          log.debug("DescribeTaskQueue({}) failed: {}", queue, e.toString());
        }
      }
    }
  }
}
