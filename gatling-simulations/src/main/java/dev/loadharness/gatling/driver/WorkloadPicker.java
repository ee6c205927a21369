package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.spec.WorkloadEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Assigns the n-th workflow its mix entry: the weights are laid out as a cycle (weight 3 -> 3 slots),
 * shuffled once with the run's seed, so any prefix of the run has the mix's proportions and the same
 * seed gives the same sequence.
 */
final class WorkloadPicker {
  private final List<WorkloadEntry> cycle;

  WorkloadPicker(List<WorkloadEntry> mix, long seed) {
    List<WorkloadEntry> slots = new ArrayList<>();
    for (WorkloadEntry entry : mix) {
      for (int i = 0; i < entry.weight(); i++) {
        slots.add(entry);
      }
    }
    Collections.shuffle(slots, new Random(seed));
    this.cycle = List.copyOf(slots);
  }

  WorkloadEntry pick(long sequence) {
    return cycle.get((int) (sequence % cycle.size()));
  }
}
