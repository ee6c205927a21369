package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.Wave;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments of the waved models and the spread over task queues. */
class WaveSegmentTest {

  @Test
  void ebbAndFlowSegmentsShareTheRatesAndBacklogSegmentsTheWholeTargets() {
    ScenarioSpec ebb = ScenarioSpecs.load("ebb-and-flow");
    assertThat(Segment.split(2)).allSatisfy(s -> assertThat(s.of(ebb).injection().wave())
        .contains(new Wave(0.5, 2.5, Duration.ofSeconds(8))));
    ScenarioSpec backlog = ScenarioSpecs.load("backlog");
    List<Wave> shares = Segment.split(3).stream().map(s -> s.of(backlog).injection().wave().orElseThrow()).toList();
    assertThat(shares).extracting(Wave::low).containsExactly(1.0, 1.0, 0.0);
    assertThat(shares).extracting(Wave::high).containsExactly(4.0, 4.0, 4.0);
    assertThat(Segment.whyUnsplittable(backlog, 10)).isEmpty();
    assertThat(Segment.whyUnsplittable(backlog, 11)).contains("segments: 11 segments of a backlog between 2 and 12 "
        + "would leave a segment without a wave; at most 10");
  }

  @Test
  void workflowsGoRoundRobinOverTheQueuesAndTheOneQueueDriverIsUnchanged() {
    ScenarioSpec spec = ScenarioSpecs.load("many-task-queues");
    List<String> queues = spec.workers().taskQueueNames("load-r");
    try (LoadDriver driver = new LoadDriver(null, queues, "r-wf-", spec, Segment.WHOLE, 42L, 1)) {
      for (int n = 0; n < 16; n++) {
        assertThat(driver.nextAssignment().taskQueue()).isEqualTo("load-r-" + (n % 8));
      }
    }
    Segment second = new Segment(1, 2);
    try (LoadDriver driver = new LoadDriver(null, queues, "r-wf-", spec, second, 42L, 1)) {
      assertThat(driver.nextAssignment().taskQueue()).as("sequence 1").isEqualTo("load-r-1");
      assertThat(driver.nextAssignment().taskQueue()).as("sequence 3").isEqualTo("load-r-3");
    }
    try (LoadDriver driver = new LoadDriver(null, "one", "r-wf-", ScenarioSpecs.load("smoke"), 42L, 1)) {
      assertThat(driver.taskQueues()).containsExactly("one");
      assertThat(driver.nextAssignment().taskQueue()).isEqualTo("one");
    }
  }
}
