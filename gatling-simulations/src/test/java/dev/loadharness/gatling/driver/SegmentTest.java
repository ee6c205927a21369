package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentTest {

  @Test
  void theSlicesAreDisjointAndCoverEveryWorkflow() {
    for (int total : new int[] {1, 7, 128, 1000}) {
      for (int count = 1; count <= Math.min(total, 5); count++) {
        Set<Long> seen = new HashSet<>();
        int sum = 0;
        for (Segment s : Segment.split(count)) {
          int mine = s.workflows(total);
          sum += mine;
          for (long local = 0; local < mine; local++) {
            long n = s.globalSequence(local);
            assertThat(n).isLessThan(total);
            assertThat(seen.add(n)).as("sequence %d claimed twice (%d segments of %d)", n, count, total).isTrue();
          }
        }
        assertThat(sum).isEqualTo(total);
        assertThat(seen).hasSize(total);
      }
    }
  }

  @Test
  void rateAndConcurrencySharesAddUpToTheWhole() {
    List<Segment> three = Segment.split(3);
    assertThat(three.stream().mapToInt(s -> s.concurrency(10)).toArray()).containsExactly(4, 3, 3);
    assertThat(three.stream().mapToDouble(s -> s.rate(10.0)).sum()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    ScenarioSpec spec = ScenarioSpecs.load("worker-load-128");
    assertThat(three.stream().mapToInt(s -> s.of(spec).workflows()).toArray()).containsExactly(43, 43, 42);
    assertThat(three.get(1).of(spec).injection().duration()).isEqualTo(spec.injection().duration());
    assertThat(Segment.WHOLE.of(spec)).isSameAs(spec);
  }

  @Test
  void aSegmentOfAClosedModelGetsItsShareOfTheConcurrency() {
    ScenarioSpec base = ScenarioSpecs.load("smoke");
    ScenarioSpec closed = base.withLoad(0, new Injection(Injection.Model.CLOSED, Duration.ofSeconds(30), 0, 5));
    assertThat(Segment.split(2).stream().map(s -> s.of(closed).injection().concurrency()).toList()).containsExactly(3, 2);
    assertThat(Segment.whyUnsplittable(closed, 6)).get().asString().contains("injection.concurrency 5", "at most 5");
  }

  @Test
  void aSplitThatWouldLeaveASegmentIdleIsRefusedNamingTheLimit() {
    ScenarioSpec smoke = ScenarioSpecs.load("smoke");
    assertThat(Segment.whyUnsplittable(smoke, 12)).isEmpty();
    assertThat(Segment.whyUnsplittable(smoke, 13)).get().asString().contains("13 segments of 12 workflows", "at most 12");
    assertThatThrownBy(() -> new Segment(3, 3)).hasMessageContaining("[0, 3)");
    assertThatThrownBy(() -> new Segment(0, 0)).hasMessageContaining(">= 1");
  }
}
