package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.metrics.MetricNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.util.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The SDK-path reporter keeps one activity schedule-to-start sample per task (sdk-java#2733); intervals and the
 * snapshot encoding are exact and cheap.
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

    metrics.drainInterval();

    assertThat(metrics.histograms().get(MetricNames.SDK_ACTIVITY_SCHEDULE_TO_START).getTotalCount()).isEqualTo(3);
    assertThat(metrics.histograms().get(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START).getTotalCount()).isEqualTo(1);
  }

  @Test
  void theSnapshotEncodingDecodesToTheTotalsAndIsRedoneOnlyAfterNewSamples() {
    WorkerMetrics metrics = new WorkerMetrics();
    metrics.recordPoll(4_000_000);
    metrics.recordPoll(Duration.ofMinutes(20).getNanos());
    metrics.drainInterval();
    Map<String, String> first = metrics.encodedHistograms();

    Histogram decoded = snapshotOf(first).histogram(MetricNames.POLL_LATENCY_MS);
    Histogram total = metrics.histograms().get(MetricNames.POLL_LATENCY_MS);
    assertThat(decoded).isEqualTo(total);
    assertThat(decoded.getHighestTrackableValue()).isEqualTo(total.getHighestTrackableValue());

    metrics.drainInterval();
    assertThat(metrics.encodedHistograms().get(MetricNames.POLL_LATENCY_MS))
        .isSameAs(first.get(MetricNames.POLL_LATENCY_MS));

    metrics.recordPoll(7_000_000);
    metrics.drainInterval();
    Histogram again = snapshotOf(metrics.encodedHistograms()).histogram(MetricNames.POLL_LATENCY_MS);
    assertThat(again.getTotalCount()).isEqualTo(3);
    assertThat(again).isEqualTo(metrics.histograms().get(MetricNames.POLL_LATENCY_MS));
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
    assertThat(metrics.histograms().get(MetricNames.POLL_LATENCY_MS).getTotalCount()).isEqualTo(3);
  }

  private static WorkerMetricsSnapshot snapshotOf(Map<String, String> histograms) {
    return new WorkerMetricsSnapshot("w", 0, 0, 0, 0, histograms, Map.of(), Map.of());
  }
}
