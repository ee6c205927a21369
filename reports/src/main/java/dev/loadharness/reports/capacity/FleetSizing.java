package dev.loadharness.reports.capacity;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fleet-sizing line: the highest sustainable throughput any cell reached at the SLO, and the smallest fleet
 * (fewest workers, then fewest slots) that reached it within {@link #WITHIN}, since adding workers that do not
 * add throughput is no advice.
 */
public final class FleetSizing {
  /** A cell within this share of the best throughput counts as reaching it. */
  static final double WITHIN = 0.05;

  private FleetSizing() {}

  /** The line for {@code cells} at {@code sloText}; empty when no cell sustained any load. */
  public static String line(List<CapacityCell> cells, String sloText) {
    double best = cells.stream().flatMap(c -> c.knee().stream()).mapToDouble(CapacityStep::throughputWps).max()
        .orElse(-1);
    if (best < 0) {
      return "";
    }
    Optional<CapacityCell> smallest = cells.stream()
        .filter(c -> c.knee().isPresent() && c.knee().get().throughputWps() >= (1 - WITHIN) * best)
        .min(Comparator.comparingInt(CapacityCell::workers)
            .thenComparingInt(c -> c.workflowSlots() + c.activitySlots()));
    CapacityCell c = smallest.orElseThrow();
    double reached = c.knee().get().throughputWps();
    String line = String.format(Locale.ROOT, "%s wf/s at %s needs %d worker%s at slots %s", CapacityMarkdown.number(reached),
        sloText, c.workers(), c.workers() == 1 ? "" : "s", c.slots());
    if (c.outcome() == CapacityCell.Outcome.NOT_REACHED) {
      line += " (at least: the knee lies above the highest load tried)";
    } else if (c.outcome() == CapacityCell.Outcome.INTERRUPTED || c.outcome() == CapacityCell.Outcome.ERROR) {
      line += " (at least: the search stopped before it found the knee)";
    }
    double largerBest = cells.stream().filter(o -> o.workers() > c.workers()).flatMap(o -> o.knee().stream())
        .mapToDouble(CapacityStep::throughputWps).max().orElse(-1);
    if (largerBest >= 0 && reached > 0) {
      line += String.format(Locale.ROOT, "; more workers reached %s wf/s at most (%+.0f%%)",
          CapacityMarkdown.number(largerBest), 100 * (largerBest / reached - 1));
    }
    return line;
  }
}
