package dev.loadharness.reports.ab;

import static dev.loadharness.reports.html.Html.escape;

import dev.loadharness.reports.html.ChartSpec;
import dev.loadharness.reports.html.ChartSpec.Series;
import dev.loadharness.reports.html.Html;
import dev.loadharness.reports.html.PageTemplate;
import dev.loadharness.reports.trend.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders an {@link AbComparison} as comparison.html with the other reports' page template: the verdict, the
 * table, every metric's ratio with its interval band and minimum-effect bounds, and each metric per round.
 */
public final class AbPage {
  /** File name of the page inside the comparison directory. */
  public static final String FILE_NAME = "comparison.html";

  /** Tick labels of the ratio chart: short enough that every metric gets its own. */
  private static final Map<String, String> SHORT = Map.of("throughput_wps", "throughput", "end_to_end_p50_ms",
      "e2e p50", "end_to_end_p95_ms", "e2e p95", "end_to_end_p99_ms", "e2e p99", "workflow_schedule_to_start_p95_ms",
      "wft s2s", "activity_schedule_to_start_p95_ms", "act s2s", "poll_p50_ms", "poll", "sticky_hit_ratio", "sticky");

  private AbPage() {}

  /** The page. */
  public static String render(AbComparison c, List<AbRun> runs) {
    List<ChartSpec> charts = new ArrayList<>();
    StringBuilder b = new StringBuilder(8_192);
    b.append("<h1>A/B: ").append(escape(c.scenario())).append("</h1>\n<p class=\"meta\">head: <code>")
        .append(escape(c.head())).append("</code> &middot; base: <code>").append(escape(c.base()))
        .append("</code> &middot; server: ").append(escape(c.serverKind())).append("</p>\n");
    b.append("<p class=\"").append(c.regressions().isEmpty() ? "ok" : "notice").append("\" id=\"ab-verdict\">")
        .append(escape(AbMarkdown.headline(c).replace("**", ""))).append("</p>\n");
    b.append("<p class=\"meta\">").append(escape(c.paired()
            ? c.rounds() + " round(s), head and base once per round against one server, order rotated each round. "
            : c.rounds() + " head run(s) against " + c.baseRuns() + " earlier baseline run(s), unpaired. "))
        .append("Ratio = head / base. ").append(escape(c.method())).append(". Regressed or improved: the whole "
            + "interval beyond the minimum effect; unchanged: within it; inconclusive: straddling a bound.</p>\n");
    table(b, c);
    ChartSpec ratios = ratioChart(c);
    charts.add(ratios);
    b.append("<h2>Ratios with their 95% intervals</h2>\n<div class=\"charts\">\n").append(Html.chartContainer(ratios))
        .append("</div>\n<h2>Per ").append(c.paired() ? "round" : "run").append("</h2>\n<div class=\"charts\">\n");
    for (MetricResult m : c.metrics()) {
      ChartSpec chart = valuesChart(c, m);
      if (chart.series().stream().anyMatch(s -> s.values().stream().anyMatch(Objects::nonNull))) {
        charts.add(chart);
        b.append(Html.chartContainer(chart));
      }
    }
    b.append("</div>\n");
    runsList(b, runs, c.paired());
    return PageTemplate.render("A/B " + c.scenario(), b.toString(), charts);
  }

  private static void table(StringBuilder b, AbComparison c) {
    b.append("<table id=\"ab-metrics\"><thead><tr><th>metric</th><th>better</th><th class=\"num\">head (median)</th>"
        + "<th class=\"num\">base (median)</th><th class=\"num\">ratio</th><th class=\"num\">95% interval</th>"
        + "<th class=\"num\">min effect</th><th>verdict</th></tr></thead><tbody>\n");
    for (MetricResult m : c.metrics()) {
      b.append("<tr").append(m.verdict() == AbVerdict.REGRESSED ? " class=\"fail\"" : "").append("><td>")
          .append(escape(m.label() + " (" + m.unit() + ")")).append("</td><td>")
          .append(m.direction() == Direction.HIGHER_IS_BETTER ? "higher" : "lower").append("</td><td class=\"num\">")
          .append(AbMarkdown.value(m.headMedian())).append("</td><td class=\"num\">")
          .append(AbMarkdown.value(m.baseMedian())).append("</td><td class=\"num\">")
          .append(m.ratio() == null ? "\u2013" : AbMarkdown.ratio(m.ratio().estimate()))
          .append("</td><td class=\"num\">").append(m.ratio() == null ? "\u2013"
              : AbMarkdown.ratio(m.ratio().low()) + "\u2013" + AbMarkdown.ratio(m.ratio().high()))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "\u00b1%.0f%%", m.minEffect() * 100))
          .append("</td><td><strong>").append(escape(m.verdict().id())).append("</strong>")
          .append(m.note().isEmpty() ? "" : " <span class=\"meta\">(" + escape(m.note()) + ")</span>")
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** x: the metrics; the ratio, its interval as a band, and the minimum-effect bounds dashed. */
  static ChartSpec ratioChart(AbComparison c) {
    List<Double> x = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> details = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    List<Double> up = new ArrayList<>();
    List<Double> down = new ArrayList<>();
    for (int i = 0; i < c.metrics().size(); i++) {
      MetricResult m = c.metrics().get(i);
      x.add((double) i);
      labels.add(SHORT.getOrDefault(m.metric(), m.metric()));
      details.add(m.label() + ": " + m.verdict().id());
      ratio.add(m.ratio() == null ? null : m.ratio().estimate());
      high.add(m.ratio() == null ? null : m.ratio().high());
      low.add(m.ratio() == null ? null : m.ratio().low());
      up.add(1 + m.minEffect());
      down.add(Math.max(0, 1 - m.minEffect()));
    }
    double top = Math.max(2.5, 1.2 * ratio.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .max().orElse(1));
    return new ChartSpec("ab-ratios", String.format(Locale.ROOT, "head / base per metric (band: 95%% interval; "
        + "dashed: 1 \u00b1 minimum effect; y clipped at %.1f, the table has every bound)", top),
        "index", "ratio", x, labels, details,
        List.of(Series.of("ratio head/base", ratio), new Series("95% high", high, true),
            new Series("95% low", low, true), new Series("1 + min effect", up, true),
            new Series("1 \u2212 min effect", down, true)),
        List.of(List.of(2, 3)), 0.0, top, "metric");
  }

  /** x: rounds (or runs); head and base values. */
  static ChartSpec valuesChart(AbComparison c, MetricResult m) {
    int n = Math.max(m.headValues().size(), m.baseValues().size());
    List<Double> x = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      x.add((double) i);
      labels.add((c.paired() ? "round " : "#") + (i + 1));
    }
    return new ChartSpec("ab-" + m.metric().replace('_', '-'), m.label() + " (" + m.unit() + ")", "index", m.unit(),
        x, labels, List.of(), List.of(Series.of("head", padded(m.headValues(), n)),
            Series.of("base", padded(m.baseValues(), n))), List.of(), 0.0, null, c.paired() ? "round" : "run");
  }

  private static List<Double> padded(List<Double> values, int n) {
    List<Double> out = new ArrayList<>(values);
    while (out.size() < n) {
      out.add(null);
    }
    return out;
  }

  private static void runsList(StringBuilder b, List<AbRun> runs, boolean paired) {
    b.append("<h2>Runs</h2>\n<ul id=\"ab-runs\">\n");
    for (AbRun run : runs) {
      b.append("<li>").append(escape(run.arm())).append(", ").append(paired ? "round " : "run ").append(run.round())
          .append(": ").append(escape(run.verdict())).append(" &mdash; <a href=\"")
          .append(escape(run.directory() + "/report.html")).append("\">report</a>, <a href=\"")
          .append(escape(run.directory() + "/run.json")).append("\">run.json</a></li>\n");
    }
    b.append("</ul>\n");
  }
}
