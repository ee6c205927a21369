package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.metrics.MetricNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.util.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK-path reporter keeps one activity schedule-to-start sample per task (sdk-java#2733). */
class WorkerMetricsTest {

  @Test
  void thePollTaskCopyOfActivityScheduleToStartIsDropped() {
    WorkerMetrics metrics = new WorkerMetrics();
    Map<String, String> pollTask = Map.of("task_queue", "q", "activity_type", "none");
    Map<String, String> handler = Map.of("task_queue", "q", "activity_type", "Cpu", "workflow_type", "Chain");
    for (int task = 0; task < 3; task++) {
      metrics.reportTimer(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, pollTask, Duration.ofMillis(12));
      metrics.reportTimer(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START, handler, Duration.ofMillis(12));
    }
    metrics.reportTimer(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, Map.of("activity_type", "none"),
        Duration.ofMillis(3));

    metrics.drainInterval();

    assertThat(metrics.histograms().get(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount()).isEqualTo(3);
    assertThat(metrics.histograms().get(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START).getTotalCount()).isEqualTo(1);
  }
}
