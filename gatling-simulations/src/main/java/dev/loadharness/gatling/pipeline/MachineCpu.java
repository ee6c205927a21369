package dev.loadharness.gatling.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's CPU, from the first line of /proc/stat (jiffies since boot per state), so a run can tell
 * its own processes' CPU from everything else on a shared machine. Empty where /proc/stat does not exist.
 */
final class MachineCpu {
  private static final Path STAT = Path.of("/proc/stat");

  private MachineCpu() {}

  /** Busy and total jiffies since boot; busy is everything but idle and iowait. */
  record Sample(long busy, long total) {
    /** Busy share between {@code before} and this sample, percent of one core on {@code cpus} processors. */
    Double percentOfOneCoreSince(Sample before, int cpus) {
      long total = this.total - before.total;
      return total <= 0 ? null : 100.0 * cpus * (busy - before.busy) / total;
    }
  }

  /** Now, or null when /proc/stat cannot be read. */
  static Sample read() {
    try {
      List<String> lines = Files.readAllLines(STAT);
      return lines.isEmpty() ? null : parse(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The {@code cpu} line: user nice system idle iowait irq softirq steal (guest time is already in user). */
  static Sample parse(String line) {
    String[] f = line.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 5) {
      throw new IllegalArgumentException("not the /proc/stat cpu line: " + line);
    }
    long total = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
    return new Sample(total - idle, total);
  }
}
