package dev.loadharness.gatling.gate;

import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a run: every threshold of the spec, plus accounting that no spec can switch off (every started
 * workflow has an outcome; the server's visibility, where it can count, agrees).
 */
public final class Gate {
  private Gate() {}

  /** Every check, thresholds first, in spec order. */
  public static List<Check> evaluate(ScenarioSpec spec, Measurements m, Optional<VisibilityCheck.Result> visibility) {
    List<Check> checks = new ArrayList<>();
    for (ThresholdSpec t : spec.thresholds()) {
      Optional<Double> actual = m.value(t.metric());
      checks.add(new Check(t.name(), t.metric().id(), t.op().symbol(), t.limit(), actual.orElse(null),
          actual.isPresent() && t.passes(actual.get()), actual.isPresent() ? "" : "nothing measured"));
    }
    if (spec.threshold(Metric.UNACCOUNTED).isEmpty()) {
      long lost = m.counts().unaccounted();
      checks.add(new Check("accounting: unaccounted == 0", Metric.UNACCOUNTED.id(), "==", 0, (double) lost,
          lost == 0, "started " + m.counts().started() + " = completed + failed + timed_out + unaccounted"));
    }
    visibility.ifPresent(v -> checks.add(new Check("visibility: still running == timed_out + unaccounted",
        "visibility_running", "==", m.counts().timedOut() + m.counts().unaccounted(), (double) v.running(),
        v.consistent(), v.note())));
    return checks;
  }

  /** Whether every check passed. */
  public static boolean passed(List<Check> checks) {
    return checks.stream().allMatch(Check::pass);
  }
}
