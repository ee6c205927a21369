package dev.loadharness.gatling.capacity;

import dev.loadharness.reports.capacity.CapacityStep;
import dev.loadharness.reports.record.Numbers;
import dev.loadharness.reports.record.Threshold;
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
 *   <li>closed model: throughput per workflow in flight fell below {@link #MIN_EFFICIENCY} of the lowest step's.
 *       By Little's law that is the mean latency more than doubled: the added concurrency only queues.</li>
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
   * @param lowest the cell's lowest-load step measured so far (closed model's reference), empty for the first
   */
  public static CapacityStep judge(CapacityStep step, boolean open, Optional<CapacityStep> lowest) {
    List<Threshold> broken = step.bars().stream().filter(t -> !t.pass()).toList();
    if (!broken.isEmpty()) {
      return step.judged(false, "breached " + String.join("; ", broken.stream().map(StepCriteria::bar).toList()));
    }
    return open ? open(step) : closed(step, lowest);
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

  private static CapacityStep closed(CapacityStep step, Optional<CapacityStep> lowest) {
    if (lowest.isEmpty() || lowest.get().offered() >= step.offered() || lowest.get().throughputWps() <= 0) {
      return step.judged(step.throughputWps() > 0, "nothing completed in the steady window");
    }
    double efficiency = (step.throughputWps() / step.offered())
        / (lowest.get().throughputWps() / lowest.get().offered());
    if (efficiency < MIN_EFFICIENCY) {
      return step.judged(false, String.format(Locale.ROOT, "throughput per workflow in flight fell to %.2fx of the "
              + "lowest step's (below %.2fx): latency more than doubled, the added concurrency only queues",
          efficiency, MIN_EFFICIENCY));
    }
    return step.judged(true, "");
  }

  private static String bar(Threshold t) {
    return t.name() + " (actual " + (t.actual() == null ? "none" : Numbers.format(t.actual())) + ")";
  }
}
