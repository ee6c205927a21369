package dev.loadharness.scenarios.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.metrics.MetricNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interval log is where a run reads a worker's latencies from: exactly the intervals after a snapshot's
 * offset, whatever a worker killed mid-write or started anew left in the file.
 */
class IntervalFilesTest {
  @TempDir Path dir;

  @Test
  void theIntervalsAfterAnOffsetAreExactlyThoseAppendedAfterIt() {
    WorkerFiles files = new WorkerFiles(dir);
    WorkerMetrics metrics = new WorkerMetrics();
    long warmUpEnd;
    try (IntervalFiles intervals = new IntervalFiles(files)) {
      metrics.recordPoll(1_000_000);
      metrics.recordPoll(2_000_000);
      intervals.append(metrics.drainInterval(), metrics, 1_000, 0, 0, 0);
      metrics.recordPoll(3_000_000);
      warmUpEnd = intervals.append(metrics.drainInterval(), metrics, 2_000, 0, 0, 0);
      assertThat(intervals.append(metrics.drainInterval(), metrics, 3_000, 0, 0, 0)).isEqualTo(warmUpEnd);
      for (long ms = 10; ms <= 50; ms += 10) {
        metrics.recordPoll(ms * 1_000_000);
        metrics.reportTimer(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START, Map.of(),
            com.uber.m3.util.Duration.ofMillis(ms));
        intervals.append(metrics.drainInterval(), metrics, 3_000 + ms * 100, 0, 0, 0);
      }
    }

    Map<String, Histogram> all = IntervalFiles.histograms(files.intervals(), 0);
    Map<String, Histogram> measured = IntervalFiles.histograms(files.intervals(), warmUpEnd);

    assertThat(all.get(MetricNames.POLL_LATENCY_MS).getTotalCount()).isEqualTo(8);
    assertThat(measured).containsOnlyKeys(MetricNames.POLL_LATENCY_MS, MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START);
    Histogram poll = measured.get(MetricNames.POLL_LATENCY_MS);
    assertThat(poll.getTotalCount()).isEqualTo(5);
    assertThat(poll.getMinValue()).isBetween(9_990L, 10_010L);
    assertThat(poll.getMaxValue()).isBetween(49_990L, 50_050L);
    assertThat(measured.get(MetricNames.SDK_WORKFLOW_SCHEDULE_TO_START).getTotalCount()).isEqualTo(5);
  }

  @Test
  void aTruncatedLastIntervalEndsTheReadingAndAShorterFileIsReadWhole() throws IOException {
    WorkerFiles files = new WorkerFiles(dir);
    WorkerMetrics metrics = new WorkerMetrics();
    try (IntervalFiles intervals = new IntervalFiles(files)) {
      metrics.recordPoll(1_000_000);
      intervals.append(metrics.drainInterval(), metrics, 1_000, 0, 0, 0);
    }
    long whole = Files.size(files.intervals());
    // A worker killed by SIGKILL while writing: half a line.
    Files.writeString(files.intervals(), "Tag=poll_latency,2.000,1.000,0.100,HISTFAAAA", StandardOpenOption.APPEND);

    assertThat(IntervalFiles.histograms(files.intervals(), 0).get(MetricNames.POLL_LATENCY_MS).getTotalCount())
        .isEqualTo(1);
    assertThat(IntervalFiles.histograms(files.intervals(), whole + 10_000).get(MetricNames.POLL_LATENCY_MS)
        .getTotalCount()).isEqualTo(1);
    assertThat(IntervalFiles.histograms(dir.resolve("missing.hlog"), 0)).isEmpty();
  }
}
