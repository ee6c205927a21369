package dev.loadharness.reports.run;

import dev.loadharness.reports.record.DriverUse;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Renders one run record as {@code summary.md}: verdict, what ran, the checks, latencies, failures, events. */
public final class RunSummary {
  /** File name of the summary inside the run directory. */
  public static final String FILE_NAME = "summary.md";

  /** The latency rows, in table order. */
  private static final Map<String, String> LATENCY_ROWS = new LinkedHashMap<>();

  static {
    LATENCY_ROWS.putAll(RunReport.CLIENT_LATENCY);
    LATENCY_ROWS.putAll(RunReport.WORKER_LATENCY);
  }

  private RunSummary() {}

  /** Writes the summary into {@code runDir} and returns the file. */
  public static Path write(Path runDir, RunRecord run) {
    Path file = runDir.resolve(FILE_NAME);
    try {
      Files.writeString(file, render(run), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** The markdown. */
  public static String render(RunRecord run) {
    StringBuilder s = new StringBuilder();
    s.append("# ").append(run.scenario()).append(": ").append(run.verdict().json().toUpperCase(Locale.ROOT))
        .append("\n\n");
    if (run.error() != null) {
      s.append("**").append(run.error()).append("**\n\n");
    }
    if (run.description() != null && !run.description().isBlank()) {
      s.append(run.description().strip()).append("\n\n");
    }
    s.append(String.format(Locale.ROOT, "- server: %s %s%n", run.environment().serverKind(),
        run.environment().serverVersion()));
    s.append("- workers: ").append(run.runtime()).append('\n');
    LoadSummary c = run.load();
    s.append(String.format(Locale.ROOT, "- workflows: started %d = completed %d + failed %d + timed out %d + "
        + "unaccounted %d; %.1f s, %.2f wf/s%n", c.started(), c.completed(), c.failed(), c.timedOut(),
        c.unaccounted(), c.durationS(), c.throughputWps()));
    if (!run.taskQueues().isEmpty()) {
      // The server's count per queue: shows a queue that no worker polled (started, not completed).
      s.append("- task queues (completed/started, counted by the server): ").append(run.taskQueues().stream()
          .map(q -> q.name() + " " + q.completed() + "/" + q.started())
          .collect(java.util.stream.Collectors.joining(", "))).append('\n');
    }
    if (run.sticky() != null) {
      s.append(String.format(Locale.ROOT, "- sticky cache: %d hits, %d misses%n", run.sticky().hits(),
          run.sticky().misses()));
    }
    DriverUse d = run.driver();
    if (d != null) {
      s.append(String.format(Locale.ROOT, "- load driver CPU: %.0f ms over %.1f s = %.1f%% of one core (%d cpus)%s%n",
          d.cpuMs(), d.wallMs() / 1000, d.percentOfOneCore(), d.cpus(),
          d.includesServer() ? "; includes the in-memory server, which runs in the driver JVM" : ""));
    }
    ScrapedSection.markdown(s, run);
    SegmentSection.markdown(s, run);
    s.append("\n## Checks\n\n```\n");
    run.thresholds().forEach(t -> s.append(t.line()).append('\n'));
    s.append("```\n\n## Latency (ms)\n\n| metric | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    for (Map.Entry<String, String> row : LATENCY_ROWS.entrySet()) {
      LatencySummary l = run.latencyMs().get(row.getKey());
      String name = row.getValue();
      if (l == null || l.count() == 0) {
        s.append("| ").append(name).append(" | 0 | | | | |\n");
      } else {
        s.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, l.count(), l.p50(),
            l.p95(), l.p99(), l.max()));
      }
    }
    if (!run.failures().isEmpty()) {
      s.append("\n## Failures by cause\n\n");
      run.failures().forEach((cause, n) -> s.append("- ").append(n).append(" x ").append(cause).append('\n'));
    }
    if (!run.events().isEmpty()) {
      s.append("\n## Events\n\n");
      for (RunEvent e : run.events()) {
        s.append(String.format(Locale.ROOT, "- %.1f s %s %s: %s%n", e.atS(), e.kind(), e.subject(), e.detail()));
      }
    }
    s.append("\n## Artifacts\n\n");
    run.artifacts().forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
    return s.toString();
  }
}
