package dev.loadharness.gatling.capacity;

import dev.loadharness.reports.capacity.CapacityStep;
import dev.loadharness.reports.record.Numbers;
import dev.loadharness.reports.record.Threshold;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether one step's load is sustainable. A load is not when any of its bars broke (an SLO, a workflow failed,
 * timed out or was lost), or when the step shows the system falling behind:
 *
 * <ul>
 *   <li>open model: in-flight workflows kept growing over the steady window by more than
 *       {@link #BACKLOG_SHARE} of the offered rate, i.e. completions fell behind starts and the backlog grows
 *       without bound (a sustainable load holds in flight at rate x latency, flat);</li>
 *   <li>closed model: throughput per workflow in flight fell below {@link #MIN_EFFICIENCY} of the best any lower
 *       step reached. By Little's law that is the mean latency more than doubled: the added concurrency only
 *       queues. The best lower step, not the lowest, is the reference because below the knee the efficiency can
 *       only fall with load, so a low step that ran slow (a machine busy with something else that minute) must
 *       not make every later step look sustainable.</li>
 * </ul>
 */
public final class StepCriteria {
  /** In-flight growth, as a share of the offered rate, beyond which the backlog counts as unbounded. */
  static final double BACKLOG_SHARE = 0.10;
  /** Without an in-flight series: completions below this share of the offered rate fell behind. */
  static final double MIN_COMPLETION_SHARE = 0.85;
  /** Throughput per workflow in flight, relative to the lowest step's, below which the closed model is past its knee. */
  static final double MIN_EFFICIENCY = 0.5;

  private StepCriteria() {}

  /**
   * {@code step} judged.
   *
   * @param open whether the load is an arrival rate (open model) or a concurrency (closed model)
   * @param earlier the cell's steps measured so far (the closed model's reference is the best of those below)
   */
  public static CapacityStep judge(CapacityStep step, boolean open, List<CapacityStep> earlier) {
    List<Threshold> broken = step.bars().stream().filter(t -> !t.pass()).toList();
    if (!broken.isEmpty()) {
      return step.judged(false, "breached " + String.join("; ", broken.stream().map(StepCriteria::bar).toList()));
    }
    return open ? open(step) : closed(step, earlier);
  }

  private static CapacityStep open(CapacityStep step) {
    Double growth = step.inFlightGrowthWps();
    if (growth != null) {
      if (growth > BACKLOG_SHARE * step.offered()) {
        return step.judged(false, String.format(Locale.ROOT, "in flight grew %s wf/s over the steady window "
                + "(%.0f%% of the offered rate, above %.0f%%): completions fell behind starts",
            Numbers.compact(growth), 100 * growth / step.offered(), 100 * BACKLOG_SHARE));
      }
      return step.judged(true, "");
    }
    if (step.throughputWps() < MIN_COMPLETION_SHARE * step.offered()) {
      return step.judged(false, String.format(Locale.ROOT, "completions %s wf/s fell behind the offered %s wf/s",
          Numbers.compact(step.throughputWps()), Numbers.compact(step.offered())));
    }
    return step.judged(true, "");
  }

  private static CapacityStep closed(CapacityStep step, List<CapacityStep> earlier) {
    Optional<CapacityStep> best = earlier.stream().filter(e -> e.offered() < step.offered() && e.throughputWps() > 0)
        .max(Comparator.comparingDouble(e -> e.throughputWps() / e.offered()));
    if (best.isEmpty()) {
      return step.judged(step.throughputWps() > 0, "nothing completed in the steady window");
    }
    double efficiency = (step.throughputWps() / step.offered()) / (best.get().throughputWps() / best.get().offered());
    if (efficiency < MIN_EFFICIENCY) {
      return step.judged(false, String.format(Locale.ROOT, "throughput per workflow in flight fell to %.2fx of the "
              + "best lower step's (%s in flight; below %.2fx): latency more than doubled, the added concurrency "
              + "only queues", efficiency, Numbers.compact(best.get().offered()), MIN_EFFICIENCY));
    }
    return step.judged(true, "");
  }

  private static String bar(Threshold t) {
    return t.name() + " (actual " + (t.actual() == null ? "none" : Numbers.format(t.actual())) + ")";
  }
}
