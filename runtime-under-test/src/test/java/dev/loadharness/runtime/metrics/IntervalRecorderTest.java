package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One series' intervals: every sample in exactly one drained interval, whatever the writers do meanwhile. */
class IntervalRecorderTest {
  private static final long HOUR_US = TimeUnit.HOURS.toMicros(1);

  @Test
  void anIntervalWithoutSamplesIsNullAndOneWithSamplesHoldsExactlyThem() {
    IntervalRecorder series = new IntervalRecorder(HOUR_US, 3);
    assertThat(series.drain()).isNull();

    series.record(1_500);
    series.record(20_000);
    Histogram first = series.drain();
    assertThat(first.getTotalCount()).isEqualTo(2);
    assertThat(first.valuesAreEquivalent(first.getMaxValue(), 20_000)).as("max within 3 digits").isTrue();
    assertThat(series.drain()).as("drained already").isNull();

    series.record(7);
    Histogram second = series.drain();
    assertThat(second.getTotalCount()).isEqualTo(1);
    assertThat(first.getTotalCount()).as("the caller owns a drained interval: later samples stay out").isEqualTo(2);
  }

  @Test
  void valuesOutsideTheRangeCountAsItsEnds() {
    IntervalRecorder series = new IntervalRecorder(HOUR_US, 3);
    series.record(-5);
    series.record(Long.MAX_VALUE);
    Histogram interval = series.drain();
    assertThat(interval.getTotalCount()).isEqualTo(2);
    assertThat(interval.getMinValue()).isZero();
    assertThat(interval.valuesAreEquivalent(interval.getMaxValue(), HOUR_US)).isTrue();
  }

  @Test
  void theNextIntervalStartsAsLargeAsTheLastNeededAndStillGrows() {
    IntervalRecorder series = new IntervalRecorder(HOUR_US, 3);
    series.record(3_000_000);
    series.drain();
    series.record(10);
    Histogram small = series.drain();
    assertThat(small.getHighestTrackableValue()).as("sized by the last interval").isGreaterThanOrEqualTo(3_000_000);
    series.record(HOUR_US);
    assertThat(series.drain().getMaxValue()).isEqualTo(new Histogram(HOUR_US, 3).highestEquivalentValue(HOUR_US));
  }

  /** Writers on four threads while the drainer drains: the intervals' counts add up to what was recorded. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void noSampleIsLostOrCountedTwiceWhileWritersRecord() throws Exception {
    IntervalRecorder series = new IntervalRecorder(HOUR_US, 3);
    int writers = 4;
    int perWriter = 200_000;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long base = 1 + w * 1_000_000L;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perWriter; i++) {
          series.record(base + i % 5_000);
        }
        return null;
      }));
    }
    long drained = 0;
    int intervals = 0;
    start.countDown();
    while (!done.stream().allMatch(Future::isDone)) {
      Histogram interval = series.drain();
      if (interval != null) {
        drained += interval.getTotalCount();
        intervals++;
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
    Histogram last = series.drain();
    drained += last == null ? 0 : last.getTotalCount();
    pool.shutdown();

    assertThat(drained).isEqualTo((long) writers * perWriter);
    assertThat(intervals).as("drained while the writers were recording").isGreaterThan(1);
  }
}
