package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.scenarios.catalog.WorkflowKind;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WorkloadPickerTest {
  static final List<WorkloadEntry> MIX = ScenarioSpecs.load("worker-load-128").mix();

  @Test
  void everyCycleHasTheMixProportions() {
    WorkloadPicker picker = new WorkloadPicker(MIX, 42);
    int cycle = MIX.stream().mapToInt(WorkloadEntry::weight).sum();
    Map<WorkflowKind, Long> counts = LongStream.range(0, cycle * 8L).mapToObj(picker::pick)
        .collect(Collectors.groupingBy(WorkloadEntry::kind, Collectors.counting()));
    for (WorkloadEntry entry : MIX) {
      assertThat(counts.get(entry.kind())).as(entry.kind().id()).isEqualTo(entry.weight() * 8L);
    }
  }

  @Test
  void theSameSeedGivesTheSameSequence() {
    Function<Long, List<WorkflowKind>> sequence = seed -> LongStream.range(0, 64)
        .mapToObj(new WorkloadPicker(MIX, seed)::pick).map(WorkloadEntry::kind).toList();
    assertThat(sequence.apply(42L)).isEqualTo(sequence.apply(42L)).isNotEqualTo(sequence.apply(43L));
  }
}
