package dev.loadharness.gatling.gate;

import dev.loadharness.reports.record.Numbers;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.spec.Calibration;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a run: every threshold of the spec, plus what no spec can switch off: every started workflow has
 * an outcome, no worker process died unplanned, and the server's visibility, where it can count, agrees.
 */
public final class Judge {
  /** What the name of every calibrated bar starts with. */
  public static final String CALIBRATED_PREFIX = "calibrated: ";

  private Judge() {}

  /** Every evaluated bar, the spec's first, in spec order; no calibration. */
  public static List<Threshold> thresholds(ScenarioSpec spec, Measurements m,
      Optional<VisibilityCheck.Result> visibility) {
    return thresholds(spec, m, visibility, Optional.empty());
  }

  /** Every evaluated bar: the spec's (floors), then the calibrated ones, then the built-in checks. */
  public static List<Threshold> thresholds(ScenarioSpec spec, Measurements m,
      Optional<VisibilityCheck.Result> visibility, Optional<Calibration> calibration) {
    List<Threshold> bars = new ArrayList<>();
    for (ThresholdSpec t : spec.thresholds()) {
      bars.add(t.evaluate(m.value(t.metric()).orElse(null)));
    }
    calibration.ifPresent(c -> c.thresholds().forEach(t -> {
      Calibration.Bar bar = c.bars().get(t.metric().id());
      bars.add(Threshold.evaluate(CALIBRATED_PREFIX + t.name(), t.metric().id(), t.op(), t.limit(),
          m.value(t.metric()).orElse(null), String.format(Locale.ROOT, "median %s, worst %s of %d runs on %s, %s",
              Numbers.format(bar.median()), Numbers.format(bar.worst()), c.runs(), c.serverKind(), c.date())));
    }));
    if (spec.threshold(Metric.UNACCOUNTED).isEmpty()) {
      bars.add(Threshold.evaluate("accounting: unaccounted == 0", Metric.UNACCOUNTED.id(), Threshold.Op.EQ, 0,
          (double) m.counts().unaccounted(),
          "started " + m.counts().started() + " = completed + failed + timed_out + unaccounted"));
    }
    if (spec.threshold(Metric.WORKER_DEATHS).isEmpty()) {
      bars.add(Threshold.evaluate("workers: worker_deaths == 0", Metric.WORKER_DEATHS.id(), Threshold.Op.EQ, 0,
          (double) m.workerDeaths(), "worker processes that ended without the scenario stopping them"));
    }
    visibility.ifPresent(v -> bars.add(new Threshold("visibility: still running == timed_out + unaccounted",
        "visibility_running", "==", m.counts().timedOut() + m.counts().unaccounted(), (double) v.running(),
        v.consistent(), v.note())));
    return bars;
  }
}
