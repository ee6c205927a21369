package dev.loadharness.reports.capacity;

import static dev.loadharness.reports.html.Html.escape;

import dev.loadharness.reports.html.ChartSpec;
import dev.loadharness.reports.html.ChartSpec.Series;
import dev.loadharness.reports.html.Html;
import dev.loadharness.reports.html.PageTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders a {@link CapacityReport} as capacity.html with the other reports' page template: the sizing line,
 * throughput against offered load, latency against load, each cell's CPU by part, and every step's table.
 */
public final class CapacityPage {
  /** File name of the page inside the capacity directory. */
  public static final String FILE_NAME = "capacity.html";

  private CapacityPage() {}

  /** The page. */
  public static String render(CapacityReport r) {
    List<ChartSpec> charts = new ArrayList<>();
    StringBuilder b = new StringBuilder(8_192);
    b.append("<h1>Capacity: ").append(escape(r.scenario())).append("</h1>\n<p class=\"meta\">server: ")
        .append(escape(r.serverKind())).append(" &middot; ").append(escape(r.model())).append(" model (offered load = ")
        .append(escape(r.loadUnit())).append(") &middot; ").append(escape(CapacityMarkdown.number(r.stepSeconds())))
        .append(" s per step &middot; ").append(r.cpus()).append(" CPUs &middot; SLO: ").append(escape(r.sloText()))
        .append("</p>\n<p class=\"").append(r.exitCode() == 0 ? "ok" : "notice").append("\" id=\"capacity-answer\">")
        .append(escape(CapacityMarkdown.headline(r))).append("</p>\n");
    if (!r.stopped().isEmpty()) {
      b.append("<p class=\"notice\">Stopped early: ").append(escape(r.stopped())).append("</p>\n");
    }
    List<ChartSpec> top = List.of(throughputChart(r), latencyChart(r));
    charts.addAll(top);
    b.append("<div class=\"charts\">\n");
    top.forEach(c -> b.append(Html.chartContainer(c)));
    b.append("</div>\n");
    for (int i = 0; i < r.cells().size(); i++) {
      CapacityCell c = r.cells().get(i);
      b.append("<h2>").append(escape(c.label())).append("</h2>\n<p><strong>").append(escape(c.outcome().id()))
          .append("</strong>: ").append(escape(c.note())).append("</p>\n");
      if (!c.saturation().isEmpty()) {
        b.append("<p>Saturated first: ").append(escape(c.saturation())).append("</p>\n");
      }
      ChartSpec cpu = cpuChart(r, c, i);
      charts.add(cpu);
      b.append("<div class=\"charts\">\n").append(Html.chartContainer(cpu)).append("</div>\n");
      table(b, r, c);
    }
    return PageTemplate.render("Capacity " + r.scenario(), b.toString(), charts);
  }

  private static void table(StringBuilder b, CapacityReport r, CapacityCell c) {
    b.append("<table class=\"capacity-steps\"><thead><tr><th class=\"num\">offered (").append(escape(r.loadUnit()))
        .append(")</th><th class=\"num\">throughput (wf/s)</th><th class=\"num\">e2e p50 (ms)</th>"
            + "<th class=\"num\">e2e p95 (ms)</th><th class=\"num\">e2e p99 (ms)</th>"
            + "<th class=\"num\">in-flight growth (wf/s)</th>"
            + "<th class=\"num\">CPU server / workers / driver / machine (% of a core)</th><th>step</th><th>sustainable</th><th>run</th></tr></thead><tbody>\n");
    for (CapacityStep s : c.byLoad()) {
      b.append("<tr").append(s.sustainable() ? "" : " class=\"fail\"").append("><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.offered()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.throughputWps()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.endToEndP50Ms()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.endToEndP95Ms()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.endToEndP99Ms()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.inFlightGrowthWps()))).append("</td><td class=\"num\">")
          .append(escape(CapacityMarkdown.number(s.serverCpuPercent()) + " / "
              + CapacityMarkdown.number(s.workerCpuPercent()) + " / " + CapacityMarkdown.number(s.driverCpuPercent())
              + " / " + CapacityMarkdown.number(s.machineCpuPercent())))
          .append("</td><td>").append(s.index()).append(" (").append(escape(s.phase())).append(")</td><td>")
          .append(s.sustainable() ? "yes" : "no: " + escape(s.reason())).append("</td><td><a href=\"")
          .append(escape(s.directory() + "/report.html")).append("\">report</a></td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** x: every offered load tried; y: each cell's throughput, and for the open model the offered load itself. */
  static ChartSpec throughputChart(CapacityReport r) {
    List<Double> x = loads(r);
    List<Series> series = new ArrayList<>();
    for (CapacityCell c : r.cells()) {
      series.add(Series.of(r.cells().size() == 1 ? "throughput" : c.label(), at(c, x, CapacityStep::throughputWps)));
    }
    if (CapacityReport.OPEN.equals(r.model())) {
      series.add(new Series("offered", x, true));
    }
    return new ChartSpec("capacity-throughput", "throughput (wf/s) against offered load", "value", "wf/s", x,
        List.of(), List.of(), series, List.of(), 0.0, null, xTitle(r));
  }

  /** x: every offered load tried; y: end-to-end latency (p50/p95/p99 for one cell, p95 per cell for several). */
  static ChartSpec latencyChart(CapacityReport r) {
    List<Double> x = loads(r);
    List<Series> series = new ArrayList<>();
    if (r.cells().size() == 1) {
      CapacityCell c = r.cells().get(0);
      series.add(Series.of("e2e p50", at(c, x, CapacityStep::endToEndP50Ms)));
      series.add(Series.of("e2e p95", at(c, x, CapacityStep::endToEndP95Ms)));
      series.add(Series.of("e2e p99", at(c, x, CapacityStep::endToEndP99Ms)));
    } else {
      r.cells().forEach(c -> series.add(Series.of(c.label() + " p95", at(c, x, CapacityStep::endToEndP95Ms))));
    }
    return new ChartSpec("capacity-latency", "end-to-end latency (ms) against offered load", "value", "ms", x,
        List.of(), List.of(), series, List.of(), 0.0, null, xTitle(r));
  }

  /** x: the cell's loads; y: server, workers and driver CPU. */
  static ChartSpec cpuChart(CapacityReport r, CapacityCell c, int i) {
    List<Double> x = c.byLoad().stream().map(CapacityStep::offered).toList();
    return new ChartSpec("capacity-cpu-" + (i + 1), String.format(Locale.ROOT,
        "%s: CPU (%% of one core; the machine has %d00) against offered load", c.label(), r.cpus()), "value",
        "% of one core", x, List.of(), List.of(), List.of(
            Series.of("server", at(c, x, CapacityStep::serverCpuPercent)),
            Series.of("workers", at(c, x, CapacityStep::workerCpuPercent)),
            Series.of("driver", at(c, x, CapacityStep::driverCpuPercent)),
            new Series("machine (every process)", at(c, x, CapacityStep::machineCpuPercent), true)), List.of(), 0.0,
        null, xTitle(r));
  }

  private static String xTitle(CapacityReport r) {
    return CapacityReport.OPEN.equals(r.model()) ? "offered load (wf/s)" : "workflows in flight";
  }

  private static List<Double> loads(CapacityReport r) {
    TreeSet<Double> x = new TreeSet<>();
    r.cells().forEach(c -> c.steps().forEach(s -> x.add(s.offered())));
    return List.copyOf(x);
  }

  private static List<Double> at(CapacityCell c, List<Double> x, Function<CapacityStep, Double> value) {
    List<Double> out = new ArrayList<>();
    for (double load : x) {
      out.add(c.steps().stream().filter(s -> s.offered() == load).findFirst().map(value).orElse(null));
    }
    return out;
  }
}
