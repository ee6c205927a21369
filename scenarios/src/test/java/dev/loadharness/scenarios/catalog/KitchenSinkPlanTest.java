package dev.loadharness.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.catalog.KitchenSinkPlan.Op;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.SpecException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The fuzzer's plans: reproducible from (seed, workflow seed, run), varied across them, and bounded. */
class KitchenSinkPlanTest {

  private static Shape shape(Map<String, Integer> given, long workflowSeed) {
    return new Shape("kitchen-sink", WorkflowKind.KITCHEN_SINK.resolve(given), workflowSeed);
  }

  @Test
  void theSameSeedAndIndexGiveTheSamePlan() {
    for (long n = 0; n < 50; n++) {
      Shape s = shape(Map.of("seed", 7), n * 7919 + 17);
      assertThat(KitchenSinkPlan.of(s)).isEqualTo(KitchenSinkPlan.of(shape(Map.of("seed", 7), n * 7919 + 17)));
      assertThat(KitchenSinkPlan.of(KitchenSinkPlan.next(s))).isEqualTo(KitchenSinkPlan.of(KitchenSinkPlan.next(s)));
    }
  }

  @Test
  void anotherSeedGivesOtherTreesAndEveryStepKindAppears() {
    Set<KitchenSinkPlan> seven = new HashSet<>();
    Set<KitchenSinkPlan> eight = new HashSet<>();
    EnumSet<Op> seen = EnumSet.noneOf(Op.class);
    int continued = 0;
    for (long n = 0; n < 64; n++) {
      KitchenSinkPlan plan = KitchenSinkPlan.of(shape(Map.of("seed", 7), n));
      seven.add(plan);
      eight.add(KitchenSinkPlan.of(shape(Map.of("seed", 8), n)));
      plan.steps().forEach(s -> seen.add(s.op()));
      continued += plan.continuesAsNew() ? 1 : 0;
    }
    assertThat(seven).hasSizeGreaterThan(50);
    // Short plans can coincide across seeds; trees as a whole differ.
    seven.retainAll(eight);
    assertThat(seven).hasSizeLessThan(5);
    assertThat(seen).containsExactlyInAnyOrder(Op.values());
    assertThat(continued).isBetween(10, 54);
  }

  @Test
  void childrenAndSignalsComeOnlyInTheFirstRunAndWithinTheirBounds() {
    Map<String, Integer> wide = Map.of("depth", 3, "children", 3, "signals", 5, "steps", 20, "continues", 3);
    int most = 0;
    for (long n = 0; n < 200; n++) {
      Shape s = shape(wide, n);
      KitchenSinkPlan first = KitchenSinkPlan.of(s);
      assertThat(first.signals()).isLessThanOrEqualTo(5);
      assertThat(first.steps()).hasSizeBetween(1, 20).filteredOn(x -> x.op() == Op.CHILD).hasSizeLessThanOrEqualTo(3);
      assertThat(first.runs()).isBetween(1, 4);
      KitchenSinkPlan later = KitchenSinkPlan.of(KitchenSinkPlan.next(s));
      assertThat(later.steps()).noneMatch(x -> x.op() == Op.CHILD || x.op() == Op.AWAIT_SIGNAL);
      most = Math.max(most, KitchenSinkPlan.executions(s));
    }
    // A root and at most 3 + 9 + 27 children, each with at most 4 runs.
    assertThat(most).isLessThanOrEqualTo(40 * 4);
  }

  @Test
  void aLeafStartsNoChildren() {
    assertThat(LongStream.range(0, 100).mapToObj(n -> KitchenSinkPlan.of(shape(Map.of("depth", 0), n))))
        .allSatisfy(p -> assertThat(p.steps()).noneMatch(s -> s.op() == Op.CHILD));
    Shape root = shape(Map.of("depth", 1), 3);
    assertThat(KitchenSinkPlan.child(root, 0).get("depth", -1)).isZero();
    assertThat(KitchenSinkPlan.child(root, 0).seed()).isNotEqualTo(KitchenSinkPlan.child(root, 1).seed());
  }

  @Test
  void aParameterOutOfItsRangeIsOneLineNamingFieldValueAndRange() {
    String text = """
        name: k
        workflows: 2
        mix: [{kind: kitchen-sink, weight: 1, params: {depth: 5, steps: 0, timer_ms: -3}}]
        injection: {model: at-once}
        time_budget: 30s
        """;
    assertThatThrownBy(() -> ScenarioSpecs.parse("k.yaml", text))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).problems()).containsExactlyInAnyOrder(
            "mix[0].params.depth: 5 is out of range for kitchen-sink; allowed 0..3",
            "mix[0].params.steps: 0 is out of range for kitchen-sink; allowed 1..20",
            "mix[0].params.timer_ms: -3 is out of range for kitchen-sink; allowed 1..5000"));
  }

  @Test
  void theShippedSpecsSeedIsAParameterWithADefault() {
    assertThat(WorkflowKind.KITCHEN_SINK.defaults()).containsEntry("seed", 1);
    assertThat(ScenarioSpecs.load("kitchen-sink").mix().get(0).params()).containsEntry("seed", 7);
  }
}
