package dev.loadharness.reports.capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which resource saturated first, said from the CPU measured at the first unsustainable step (where the limit
 * shows) or, when every step was sustainable, at the highest one.
 *
 * <p>Why this rule: server, workers and driver all run on this machine, so the first limit is usually the
 * machine's CPU, and the part that took the largest share of it is the one that ran out first; on a shared
 * machine that can be other processes (the machine's busy CPU from /proc/stat minus this run's). When the
 * machine had CPU to spare, the limit is not CPU: the slots in use (all of them busy means the workers'
 * concurrency is the limit) or latency inside the workflows.
 */
public final class Saturation {
  /** The share of the machine's CPU above which it counts as saturated. */
  static final double MACHINE_SATURATED = 0.85;
  /** The share of the slot limits in use above which the workers' slots count as the limit. */
  static final double SLOTS_SATURATED = 0.9;

  private Saturation() {}

  /** The sentence for {@code at}, measured on a machine of {@code cpus} processors. */
  public static String of(CapacityStep at, int cpus) {
    Map<String, Double> parts = new LinkedHashMap<>();
    if (at.serverCpuPercent() != null) {
      parts.put("server", at.serverCpuPercent());
    }
    if (at.workerCpuPercent() != null) {
      parts.put("workers", at.workerCpuPercent());
    }
    if (at.driverCpuPercent() != null) {
      parts.put(at.serverCpuPercent() == null ? "driver (server not measured apart)" : "driver", at.driverCpuPercent());
    }
    if (parts.isEmpty()) {
      return "not measured (no CPU samples at " + load(at) + ")";
    }
    double machine = 100.0 * cpus;
    double ours = at.totalCpuPercent();
    // The whole machine's busy CPU, when measured: on a shared machine other processes take their share too.
    double busy = at.machineCpuPercent() == null ? ours : Math.max(ours, at.machineCpuPercent());
    double others = busy - ours;
    List<String> shares = new ArrayList<>();
    parts.forEach((k, v) -> shares.add(String.format(Locale.ROOT, "%s %.0f%%", k, v)));
    if (at.machineCpuPercent() != null) {
      shares.add(String.format(Locale.ROOT, "other processes %.0f%%", others));
    }
    String measured = String.format(Locale.ROOT, "at %s: %s of one core; machine busy %.0f%% of %d cores", load(at),
        String.join(", ", shares), busy, cpus);
    if (busy >= MACHINE_SATURATED * machine) {
      Map.Entry<String, Double> first = parts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      if (others > first.getValue()) {
        return "the machine's CPU saturated first, most of it taken by other processes, not this run's (" + measured
            + "): the knee measures this machine as shared at the time";
      }
      return "the machine's CPU saturated first, most of it taken by the " + first.getKey() + " (" + measured + ")";
    }
    if (at.slotsUsed() != null && at.slotLimit() != null && at.slotLimit() > 0
        && at.slotsUsed() >= SLOTS_SATURATED * at.slotLimit()) {
      return String.format(Locale.ROOT, "the workers' slots saturated first: %.1f of %.0f in use, with CPU to spare "
          + "(%s)", at.slotsUsed(), at.slotLimit(), measured);
    }
    String slots = at.slotsUsed() == null || at.slotLimit() == null ? ""
        : String.format(Locale.ROOT, "; slots %.1f of %.0f in use", at.slotsUsed(), at.slotLimit());
    return "no CPU saturated (" + measured + slots + "): the limit is latency inside the workflows or the "
        + "server's own pacing, not CPU";
  }

  private static String load(CapacityStep at) {
    return String.format(Locale.ROOT, "offered %s", CapacityMarkdown.number(at.offered()));
  }
}
