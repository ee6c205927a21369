package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.metrics.MetricNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.util.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The SDK-path reporter keeps one activity schedule-to-start sample per task (sdk-java#2733); intervals are exact,
 * hold only their own samples, and carry the imported ones beside the reporter's own.
 */
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

    Map<String, Histogram> interval = metrics.drainInterval();

    assertThat(interval.get(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount()).isEqualTo(3);
    assertThat(interval.get(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START).getTotalCount()).isEqualTo(1);
  }

  @Test
  void importedSamplesReachTheIntervalBesideTheReportersOwnOfTheSameMetric() {
    WorkerMetrics metrics = new WorkerMetrics();
    metrics.recordPoll(4_000_000);
    Histogram runtime = new Histogram(3);
    runtime.recordValue(20_000);
    runtime.recordValue(30_000);
    metrics.importSamples(MetricNames.POLL_LATENCY_MS, runtime);
    Histogram more = new Histogram(3);
    more.recordValue(50_000);
    metrics.importSamples(MetricNames.POLL_LATENCY_MS, more);
    metrics.importSamples(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, new Histogram(3));

    Map<String, Histogram> interval = metrics.drainInterval();

    assertThat(interval).containsOnlyKeys(MetricNames.POLL_LATENCY_MS);
    Histogram poll = interval.get(MetricNames.POLL_LATENCY_MS);
    assertThat(poll.getTotalCount()).isEqualTo(4);
    assertThat(poll.getMinValue()).isBetween(3_990L, 4_010L);
    assertThat(poll.getMaxValue()).isBetween(49_990L, 50_050L);
    assertThat(poll.getTag()).isEqualTo(MetricNames.POLL_LATENCY_MS);
    assertThat(metrics.drainInterval()).isEmpty();
  }

  @Test
  void anIntervalHoldsOnlyItsOwnSamplesAndAnIdleTimerIsLeftOut() {
    WorkerMetrics metrics = new WorkerMetrics();
    metrics.recordPoll(2_000_000);
    metrics.reportTimer(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, Map.of(), Duration.ofMillis(3));
    assertThat(metrics.drainInterval()).containsOnlyKeys(MetricNames.POLL_LATENCY_MS,
        MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START);

    metrics.recordPoll(5_000_000);
    metrics.recordPoll(6_000_000);
    Map<String, Histogram> second = metrics.drainInterval();
    assertThat(second).containsOnlyKeys(MetricNames.POLL_LATENCY_MS);
    assertThat(second.get(MetricNames.POLL_LATENCY_MS).getTotalCount()).isEqualTo(2);
    assertThat(second.get(MetricNames.POLL_LATENCY_MS).getMinValue()).isBetween(4_990L, 5_010L);
  }
}
