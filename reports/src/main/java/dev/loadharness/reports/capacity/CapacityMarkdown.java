package dev.loadharness.reports.capacity;

import dev.loadharness.reports.record.Numbers;
import java.util.Locale;

/** Renders a {@link CapacityReport} as capacity.md: the answer first, then each cell's steps by load. */
public final class CapacityMarkdown {
  private CapacityMarkdown() {}

  /** The Markdown. */
  public static String render(CapacityReport r) {
    StringBuilder b = new StringBuilder(4_096);
    b.append("# Capacity: ").append(r.scenario()).append("\n\n");
    b.append(String.format(Locale.ROOT, "Server %s, %s model (offered load = %s), %s s per step, %d CPUs. SLO: %s.%n%n",
        r.serverKind(), r.model(), r.loadUnit(), number(r.stepSeconds()), r.cpus(), r.sloText()));
    b.append("**").append(headline(r)).append("**\n\n");
    if (!r.stopped().isEmpty()) {
      b.append("Stopped early: ").append(r.stopped()).append(" (what was measured so far is below).\n\n");
    }
    for (CapacityCell c : r.cells()) {
      b.append("## ").append(c.label()).append("\n\n").append(c.outcome().id()).append(": ").append(c.note())
          .append("\n\n");
      if (!c.saturation().isEmpty()) {
        b.append("Saturated first: ").append(c.saturation()).append(".\n\n");
      }
      b.append("| offered (").append(r.loadUnit()).append(") | throughput (wf/s) | e2e p50 | e2e p95 | e2e p99 (ms) "
          + "| in-flight growth (wf/s) | CPU server / workers / driver / machine (% of a core) | step | sustainable "
          + "| run |\n");
      b.append("|---:|---:|---:|---:|---:|---:|---|---|---|---|\n");
      for (CapacityStep s : c.byLoad()) {
        b.append("| ").append(number(s.offered())).append(" | ").append(number(s.throughputWps())).append(" | ")
            .append(number(s.endToEndP50Ms())).append(" | ").append(number(s.endToEndP95Ms())).append(" | ")
            .append(number(s.endToEndP99Ms())).append(" | ").append(number(s.inFlightGrowthWps())).append(" | ")
            .append(number(s.serverCpuPercent())).append(" / ").append(number(s.workerCpuPercent())).append(" / ")
            .append(number(s.driverCpuPercent())).append(" / ").append(number(s.machineCpuPercent())).append(" | ")
            .append(s.index()).append(" (").append(s.phase())
            .append(") | ").append(s.sustainable() ? "yes" : "no: " + s.reason().replace("|", "\\|")).append(" | ")
            .append(s.directory()).append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The answer in one line: the sizing, or why there is none. */
  public static String headline(CapacityReport r) {
    if (!r.sizing().isEmpty()) {
      return r.sizing();
    }
    if (r.exitCode() == 1) {
      return "no step met the SLO (" + r.sloText() + "): not even the lowest load tried was sustainable";
    }
    return "no sustainable load measured" + (r.stopped().isEmpty() ? "" : ": " + r.stopped());
  }

  /** A number for tables: compact, a dash for none. */
  static String number(Double value) {
    return value == null ? "\u2013" : Numbers.compact(value);
  }
}
