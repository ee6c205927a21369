package dev.loadharness.reports.trend;

import static dev.loadharness.reports.html.Html.escape;
import static dev.loadharness.reports.html.Html.number;

import dev.loadharness.reports.html.ChartSpec;
import dev.loadharness.reports.html.Html;
import dev.loadharness.reports.html.PageTemplate;
import dev.loadharness.reports.jmh.JmhResult;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.run.RunReport;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the trend page of one {@link TrendKey}: which key it shows (its parts, readable) and links to
 * the other keys of the same scenario, the latest run judged against its baseline, each key metric across
 * runs with the baseline band (median of the K like runs before each point, plus and minus the allowed
 * move, clipped to what the metric can physically be), JMH scores of the same machine across nights, and
 * links to every run's report.
 */
public final class TrendPage {

  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private TrendPage() {}

  /**
   * Another key of the same scenario, for the links at the top of a page.
   *
   * @param key its key
   * @param runs how many runs it holds
   */
  public record Sibling(TrendKey key, int runs) {}

  /** File name of the page of {@code key} inside the trends directory. */
  public static String fileName(TrendKey key) {
    return key.slug() + ".html";
  }

  /**
   * Renders the page.
   *
   * @param key which runs
   * @param runs the key's runs, oldest first
   * @param siblings the other keys of the same scenario
   * @param jmh JMH result sets of the key's machine, oldest first
   * @param rule the regression rule
   * @param pageDir directory the page will be written to (links are relative to it)
   * @param problems unreadable store files to list
   */
  public static String render(TrendKey key, List<StoredRun> runs, List<Sibling> siblings, List<StoredJmh> jmh,
      RegressionRule rule, Path pageDir, List<StoreProblem> problems) {
    RegressionDetector detector = new RegressionDetector(rule);
    List<ChartSpec> charts = new ArrayList<>();
    StringBuilder b = new StringBuilder(16_384);
    b.append("<p class=\"meta\"><a href=\"../index.html\">all trends</a></p>\n");
    b.append("<h1>").append(escape(key.scenario())).append(" trend: ").append(escape(key.label())).append("</h1>\n")
        .append("<p class=\"meta\">").append(runs.size()).append(" like run(s) &middot; baseline: median of the last ")
        .append(rule.window()).append(" like runs (same key); allowed move: ").append(number(rule.madMultiplier()))
        .append(" MAD of those runs, at least the metric's minimum effect, at most its cap (table below)</p>\n");
    problemsSection(b, problems);
    keySection(b, key, siblings);
    if (!runs.isEmpty()) {
      StoredRun latest = runs.get(runs.size() - 1);
      List<RunRecord> earlier = runs.subList(0, runs.size() - 1).stream().map(StoredRun::record).toList();
      latestSection(b, detector.check(latest.record(), earlier), latest, pageDir);
    }
    b.append("<h2>Key metrics across runs</h2>\n<p class=\"meta\">x: runs in start order, labelled by start time "
        + "(UTC, month-day hour:minute); hover a chart for the full timestamp and run id.</p>\n<div class=\"charts\">\n");
    List<String> labels = runs.stream().map(r -> SHORT.format(r.record().startedAt())).toList();
    List<String> details = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i).record();
      details.add("#" + (i + 1) + " " + r.startedAt() + " " + r.runId());
    }
    for (TrendMetric metric : TrendMetric.KEY_METRICS) {
      List<Double> values = runs.stream().map(r -> metric.read(r.record())).toList();
      ChartSpec chart = bandChart("trend-" + metric.name().replace('_', '-'), metric.name() + " (" + metric.unit() + ")",
          metric.unit(), labels, details, values, metric.direction(), metric.tolerance(), metric.range(), rule);
      charts.add(chart);
      b.append(Html.chartContainer(chart));
    }
    b.append("</div>\n");
    jmhSection(b, charts, jmh, rule);
    runsTable(b, runs, pageDir);
    return PageTemplate.render(key.scenario() + " trend \u2014 " + key.label(), b.toString(), charts);
  }

  private static void keySection(StringBuilder b, TrendKey key, List<Sibling> siblings) {
    b.append("<h2 id=\"key\">Trend key <code>").append(escape(key.hash())).append("</code></h2>\n")
        .append("<p class=\"meta\">Only runs whose record gives every part below the same value are compared with "
            + "each other.</p>\n");
    if (key.legacy()) {
      b.append("<p class=\"notice\" id=\"legacy-key\">Legacy key: these run records predate the recorded "
          + "workload, so the mix and injection are not part of the key; runs that record them get keys of "
          + "their own.</p>\n");
    }
    b.append("<p id=\"trend-key-summary\">");
    List<String> summary = new ArrayList<>();
    for (String part : List.of("runtime.mode", "workload.mix", "workload.injection", "server.kind", "server.version",
        "machine")) {
      if (key.parts().containsKey(part)) {
        summary.add("<code>" + escape(part) + "</code> " + escape(key.parts().get(part)));
      }
    }
    b.append(String.join(" &middot; ", summary)).append("</p>\n");
    b.append("<details><summary>all ").append(key.parts().size()).append(" parts of the key</summary>\n")
        .append("<table id=\"trend-key\"><thead><tr><th>part</th><th>value</th></tr></thead><tbody>\n");
    key.displayParts().forEach((name, value) -> b.append("<tr><td><code>").append(escape(name))
        .append("</code></td><td>").append(escape(value)).append("</td></tr>\n"));
    b.append("</tbody></table></details>\n");
    b.append("<h3>Other keys of ").append(escape(key.scenario())).append("</h3>\n");
    if (siblings.isEmpty()) {
      b.append("<p class=\"meta\" id=\"other-keys\">none: every stored run of this scenario has this key.</p>\n");
      return;
    }
    b.append("<ul id=\"other-keys\">\n");
    for (Sibling s : siblings) {
      b.append("<li><a href=\"").append(escape(fileName(s.key()))).append("\">").append(escape(s.key().label()))
          .append("</a> <code>").append(escape(s.key().hash())).append("</code>, ").append(s.runs())
          .append(" run(s); differs in ");
      List<String> diffs = new ArrayList<>();
      s.key().differences(key).forEach((part, values) -> diffs.add("<code>" + escape(part) + "</code> "
          + escape(values.get(0)) + " (here " + escape(values.get(1)) + ")"));
      b.append(String.join("; ", diffs)).append("</li>\n");
    }
    b.append("</ul>\n");
  }

  /**
   * A chart of values across runs with the rolling baseline median and its allowed band, the band clipped
   * to {@code range}.
   */
  static ChartSpec bandChart(String id, String title, String unit, List<String> labels, List<String> details,
      List<Double> values, Direction direction, Tolerance tolerance, PhysicalRange range, RegressionRule rule) {
    List<Double> median = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      Finding f = rule.judge(id, direction, tolerance, values.subList(0, i), v == null ? 0 : v);
      boolean judged = f.status() != Finding.Status.INSUFFICIENT_HISTORY;
      median.add(judged ? range.clip(f.baselineMedian()) : null);
      upper.add(judged ? range.clip(f.baselineMedian() + f.allowed()) : null);
      lower.add(judged ? range.clip(f.baselineMedian() - f.allowed()) : null);
    }
    List<Double> x = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      x.add((double) i);
    }
    return new ChartSpec(id, title, "index", unit, x, labels, details,
        List.of(ChartSpec.Series.of("value", values), new ChartSpec.Series("baseline median", median, true),
            new ChartSpec.Series("allowed (upper)", upper, true), new ChartSpec.Series("allowed (lower)", lower, true)),
        List.of(List.of(3, 4)), finite(range.min()), finite(range.max()));
  }

  private static Double finite(double v) {
    return Double.isInfinite(v) ? null : v;
  }

  private static void problemsSection(StringBuilder b, List<StoreProblem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    b.append("<div class=\"notice\" id=\"store-problems\"><p>").append(problems.size())
        .append(" file(s) in the trend store could not be read and are left out:</p><ul>\n");
    for (StoreProblem p : problems) {
      b.append("<li>").append(escape(p.message())).append("</li>\n");
    }
    b.append("</ul></div>\n");
  }

  private static void latestSection(StringBuilder b, RegressionReport report, StoredRun latest, Path pageDir) {
    b.append("<h2>Latest run against its baseline</h2>\n");
    List<Finding> regressions = report.regressions();
    b.append("<p class=\"").append(regressions.isEmpty() ? "ok" : "notice").append("\" id=\"regression-verdict\">")
        .append(regressions.isEmpty() ? "No regression" : regressions.size() + " metric(s) regressed")
        .append(" in run ").append(link(pageDir, latest, latest.record().runId())).append("</p>\n");
    b.append("<table id=\"findings\"><thead><tr><th>metric</th><th class=\"num\">latest</th>"
        + "<th class=\"num\">baseline median</th><th class=\"num\">change</th><th class=\"num\">allowed</th>"
        + "<th>runs</th><th>verdict</th><th>allowed move</th></tr></thead><tbody>\n");
    Map<String, Tolerance> tolerances = new LinkedHashMap<>();
    TrendMetric.KEY_METRICS.forEach(m -> tolerances.put(m.name(), m.tolerance()));
    for (Finding f : report.findings()) {
      boolean judged = f.status() != Finding.Status.INSUFFICIENT_HISTORY;
      b.append("<tr").append(f.regressed() ? " class=\"fail\"" : "").append("><td>").append(escape(f.metric()))
          .append("</td><td class=\"num\">").append(number(f.current())).append("</td><td class=\"num\">")
          .append(judged ? number(f.baselineMedian()) : "\u2013").append("</td><td class=\"num\">")
          .append(judged && !Double.isNaN(f.changePercent())
              ? String.format(Locale.ROOT, "%+.1f%%", f.changePercent()) : "\u2013")
          .append("</td><td class=\"num\">").append(judged ? "\u00b1" + number(f.allowed()) : "\u2013")
          .append("</td><td class=\"num\">").append(f.historySize()).append("</td><td>")
          .append(escape(f.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
          .append(f.capped() ? " (band capped: the like runs vary more than the cap)" : "").append("</td><td>")
          .append(escape(describe(tolerances.get(f.metric())))).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** e.g. {@code 20–30% (floor 0.5)}, {@code ≥ 25%, no cap}. */
  static String describe(Tolerance t) {
    if (t == null) {
      return "";
    }
    String range = Double.isInfinite(t.maxRelative())
        ? "\u2265 " + number(t.minRelative() * 100) + "%, no cap"
        : number(t.minRelative() * 100) + "\u2013" + number(t.maxRelative() * 100) + "%";
    return range + (t.absoluteFloor() > 0 ? " (floor " + number(t.absoluteFloor()) + ")" : "");
  }

  static void jmhSection(StringBuilder b, List<ChartSpec> charts, List<StoredJmh> jmh, RegressionRule rule) {
    b.append("<h2 id=\"jmh\">JMH scores across nights</h2>\n");
    if (jmh.isEmpty()) {
      b.append("<p class=\"meta\">No JMH results stored for this machine.</p>\n");
      return;
    }
    Map<String, JmhResult> keys = new LinkedHashMap<>();
    jmh.forEach(set -> set.results().forEach(r -> keys.putIfAbsent(r.key(), r)));
    List<String> labels = jmh.stream().map(StoredJmh::label).toList();
    b.append("<div class=\"charts\">\n");
    int n = 0;
    for (JmhResult sample : keys.values()) {
      Function<StoredJmh, Double> score = set -> set.results().stream().filter(r -> r.key().equals(sample.key()))
          .findFirst().map(r -> r.primaryMetric().score()).orElse(null);
      List<Double> values = jmh.stream().map(score).toList();
      Direction direction = sample.primaryMetric().higherIsBetter()
          ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
      String title = sample.shortName() + " " + sample.mode() + (sample.params().isEmpty() ? "" : " " + sample.params())
          + " (" + sample.primaryMetric().scoreUnit() + ")";
      ChartSpec chart = bandChart("jmh-" + (++n), title, sample.primaryMetric().scoreUnit(), labels, labels, values,
          direction, TrendMetric.JMH_TOLERANCE, PhysicalRange.NON_NEGATIVE, rule);
      charts.add(chart);
      b.append(Html.chartContainer(chart));
    }
    b.append("</div>\n");
  }

  private static void runsTable(StringBuilder b, List<StoredRun> runs, Path pageDir) {
    b.append("<h2 id=\"runs\">Runs</h2>\n<table id=\"runs-table\"><thead><tr><th>started (UTC)</th><th>run</th>"
        + "<th>commit</th><th>verdict</th><th class=\"num\">throughput (wf/s)</th>"
        + "<th class=\"num\">end-to-end p95 (ms)</th></tr></thead><tbody>\n");
    for (int i = runs.size() - 1; i >= 0; i--) {
      StoredRun run = runs.get(i);
      RunRecord r = run.record();
      LatencySummary e2e = r.latencyMs().get(RunRecord.LATENCY_END_TO_END);
      b.append("<tr").append(r.verdict() == dev.loadharness.reports.record.Verdict.PASS ? "" : " class=\"fail\"")
          .append("><td>").append(escape(r.startedAt())).append("</td><td>").append(link(pageDir, run, r.runId()))
          .append("</td><td><code>").append(escape(r.git().commit())).append(r.git().dirty() ? "+dirty" : "")
          .append("</code></td><td>").append(escape(r.verdict().json())).append("</td><td class=\"num\">")
          .append(number(r.load().throughputWps())).append("</td><td class=\"num\">")
          .append(e2e == null ? "\u2013" : number(e2e.p95())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  private static String link(Path pageDir, StoredRun run, String label) {
    String href = pageDir.relativize(run.dir().resolve(RunReport.FILE_NAME)).toString().replace('\\', '/');
    return "<a href=\"" + escape(href) + "\">" + escape(label) + "</a>";
  }
}
