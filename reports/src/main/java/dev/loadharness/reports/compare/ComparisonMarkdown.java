package dev.loadharness.reports.compare;

import dev.loadharness.reports.compare.RuntimeComparison.MetricVerdict;
import dev.loadharness.reports.compare.RuntimeComparison.SettingSummary;
import dev.loadharness.reports.trend.TrendMetric;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RuntimeComparison} as the Markdown table docs quote, with the runs it came from. */
public final class ComparisonMarkdown {

  private ComparisonMarkdown() {}

  /** The comparison as Markdown; {@code runs} are listed with links relative to the comparison directory. */
  public static String render(RuntimeComparison c, List<ComparedRun> runs) {
    StringBuilder md = new StringBuilder();
    md.append("# Runtime comparison: ").append(c.scenario()).append(" on ").append(c.serverKind()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%d round(s); every setting ran once per round, in a balanced order (each position and "
        + "each predecessor equally often), the previous run's open workflows terminated first. Cells: median over rounds (min–max).%n%n", c.rounds()));
    md.append("| setting | passed |");
    RuntimeComparison.TABLE_METRICS.forEach(name -> md.append(' ').append(header(name)).append(" |"));
    md.append("\n|---|---|");
    RuntimeComparison.TABLE_METRICS.forEach(name -> md.append("---|"));
    md.append('\n');
    for (SettingSummary s : c.summaries()) {
      md.append("| ").append(s.setting()).append(s.setting().equals(c.candidate()) ? " (candidate)" : "")
          .append(" | ").append(s.passed()).append('/').append(s.runs()).append(" |");
      for (String name : RuntimeComparison.TABLE_METRICS) {
        md.append(' ').append(s.stat(name).map(stat -> cell(name, stat)).orElse("—")).append(" |");
      }
      md.append('\n');
    }
    if (!c.verdicts().isEmpty()) {
      md.append("\n").append(c.candidate()).append(" against the best other setting on each metric "
          + "(ratio = ").append(c.candidate()).append(" / best, paired within each round; ")
          .append(RuntimeComparison.OUTCOME_RULE).append("):\n\n");
      md.append("| metric | best other setting | ratio, median (min–max) | outcome |\n|---|---|---|---|\n");
      for (MetricVerdict v : c.verdicts()) {
        md.append("| ").append(header(v.metric())).append(" | ").append(v.baseline().isEmpty() ? "—" : v.baseline())
            .append(" | ")
            .append(v.pairedRatio().map(r -> ratio(r.median()) + "x (" + ratio(r.min()) + "–" + ratio(r.max()) + ")")
                .orElse("—"))
            .append(" | ").append(v.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" |\n");
      }
    }
    c.overheadAgainstPlainSdk().ifPresent(o -> md.append(overhead(o)));
    md.append("\n## Runs\n\n");
    for (ComparedRun run : runs) {
      String id = run.record().runId();
      md.append("- round ").append(run.round()).append(", ").append(run.setting()).append(": ")
          .append(run.record().verdict().name()).append(" — [report](").append(id).append("/report.html), [run.json](")
          .append(id).append("/run.json)\n");
    }
    return md.toString();
  }

  private static final Map<String, String> HEADERS = Map.of(
      "throughput_wps", "throughput (wf/s)",
      "end_to_end_p95_ms", "end-to-end p95 (ms)",
      "workflow_schedule_to_start_p95_ms", "workflow task schedule-to-start p95 (ms)",
      "activity_schedule_to_start_p95_ms", "activity schedule-to-start p95 (ms)",
      "poll_p95_ms", "successful poll p95 (ms)",
      "sticky_hit_ratio", "sticky hit ratio",
      "worker_cpu_percent_avg", "worker CPU (% of a core)",
      "worker_cpu_ms_per_workflow", "worker CPU per workflow (ms)",
      "worker_cpu_ms_per_workflow_without_jit", "worker CPU per workflow without JIT (ms)");

  private static String overhead(RuntimeComparison.Overhead o) {
    String all = String.format(Locale.ROOT, "%.3fx (%.3f–%.3f over %d round(s))", o.ratio().median(), o.ratio().min(),
        o.ratio().max(), o.ratio().n());
    String verdict = String.format(Locale.ROOT, "bar <= %.2fx: %s", o.limit(), o.within() ? "within" : "ABOVE");
    if (o.withoutJit() == null) {
      return String.format(Locale.ROOT, "%nRuntime overhead: %s / %s worker CPU per completed workflow, paired within "
          + "each round: %s; %s.%n", o.candidate(), RuntimeComparison.PLAIN_SDK, all, verdict);
    }
    Stat w = o.withoutJit();
    return String.format(Locale.ROOT, "%nRuntime overhead: %s / %s worker CPU per completed workflow without the JIT "
        + "compiler threads (start-up, paid once per process), paired within each round: %.3fx (%.3f–%.3f over %d "
        + "round(s)); %s. With them: %s.%n", o.candidate(), RuntimeComparison.PLAIN_SDK, w.median(), w.min(), w.max(),
        w.n(), verdict, all);
  }

  private static String header(String metric) {
    String header = HEADERS.get(metric);
    if (header != null) {
      return header;
    }
    TrendMetric m = RuntimeComparison.metric(metric);
    return metric + " (" + m.unit() + ")";
  }

  /** Two decimals, three below 0.1 so a 300x improvement does not print as "0.00x". */
  private static String ratio(double value) {
    return String.format(Locale.ROOT, value < 0.1 ? "%.3f" : "%.2f", value);
  }

  private static String cell(String metric, Stat stat) {
    String format = metric.equals("sticky_hit_ratio") ? "%.3f"
        : metric.startsWith("worker_cpu_ms_per_workflow") ? "%.2f" : stat.median() >= 100 ? "%.0f" : "%.1f";
    String median = String.format(Locale.ROOT, format, stat.median());
    if (stat.n() == 1) {
      return median;
    }
    return median + " (" + String.format(Locale.ROOT, format, stat.min()) + "–"
        + String.format(Locale.ROOT, format, stat.max()) + ")";
  }
}
