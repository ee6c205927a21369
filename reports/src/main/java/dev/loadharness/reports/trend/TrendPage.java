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
 * Renders the trend page of one {@link TrendKey}: the latest run judged against its baseline, each key
 * metric across runs with the baseline band (median of the K runs before each point, plus and minus the
 * allowed change), JMH scores of the same machine across nights, and links to every run's report.
 */
public final class TrendPage {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private TrendPage() {}

  /** File name of the page of {@code key} inside the trends directory. */
  public static String fileName(TrendKey key) {
    return key.slug() + ".html";
  }

  /**
   * Renders the page.
   *
   * @param key which runs
   * @param runs the key's runs, oldest first
   * @param jmh JMH result sets of the key's machine, oldest first
   * @param rule the regression rule
   * @param pageDir directory the page will be written to (links are relative to it)
   * @param problems unreadable store files to list
   */
  public static String render(TrendKey key, List<StoredRun> runs, List<StoredJmh> jmh, RegressionRule rule,
      Path pageDir, List<StoreProblem> problems) {
    RegressionDetector detector = new RegressionDetector(rule);
    List<ChartSpec> charts = new ArrayList<>();
    StringBuilder b = new StringBuilder(16_384);
    b.append("<p class=\"meta\"><a href=\"../index.html\">all trends</a></p>\n");
    b.append("<h1>").append(escape(key.scenario())).append(" trend</h1>\n<p class=\"meta\">server ")
        .append(escape(key.serverKind())).append(" &middot; machine ").append(escape(key.machine())).append(" &middot; ")
        .append(runs.size()).append(" run(s) &middot; baseline: median of the last ").append(rule.window())
        .append(" comparable runs, change allowed: max(").append(number(rule.relativeTolerance() * 100))
        .append("%, ").append(number(rule.madMultiplier())).append(" MAD, metric floor)</p>\n");
    problemsSection(b, problems);
    if (!runs.isEmpty()) {
      StoredRun latest = runs.get(runs.size() - 1);
      List<RunRecord> earlier = runs.subList(0, runs.size() - 1).stream().map(StoredRun::record).toList();
      latestSection(b, detector.check(latest.record(), earlier), latest, pageDir);
    }
    b.append("<h2>Key metrics across runs</h2>\n<div class=\"charts\">\n");
    List<String> labels = runs.stream().map(r -> DAY.format(r.record().startedAt())).toList();
    for (TrendMetric metric : TrendMetric.KEY_METRICS) {
      List<Double> values = runs.stream().map(r -> metric.read(r.record())).toList();
      ChartSpec chart = bandChart("trend-" + metric.name().replace('_', '-'), metric.name() + " (" + metric.unit() + ")",
          metric.unit(), labels, values, metric.direction(), metric.absoluteFloor(), rule);
      charts.add(chart);
      b.append(Html.chartContainer(chart));
    }
    b.append("</div>\n");
    jmhSection(b, charts, jmh, rule);
    runsTable(b, runs, pageDir);
    return PageTemplate.render(key.scenario() + " trend \u2014 " + key.serverKind() + " \u2014 " + key.machine(),
        b.toString(), charts);
  }

  /** A chart of values across runs with the rolling baseline median and its allowed band. */
  static ChartSpec bandChart(String id, String title, String unit, List<String> labels, List<Double> values,
      Direction direction, double floor, RegressionRule rule) {
    List<Double> median = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      Finding f = rule.judge(id, direction, floor, values.subList(0, i), v == null ? 0 : v);
      boolean judged = f.status() != Finding.Status.INSUFFICIENT_HISTORY;
      median.add(judged ? f.baselineMedian() : null);
      upper.add(judged ? f.baselineMedian() + f.allowed() : null);
      lower.add(judged ? f.baselineMedian() - f.allowed() : null);
    }
    List<Double> x = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      x.add((double) i);
    }
    return new ChartSpec(id, title, "index", unit, x, labels,
        List.of(ChartSpec.Series.of("value", values), new ChartSpec.Series("baseline median", median, true),
            new ChartSpec.Series("allowed (upper)", upper, true), new ChartSpec.Series("allowed (lower)", lower, true)),
        List.of(List.of(3, 4)));
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
        + "<th>runs</th><th>verdict</th></tr></thead><tbody>\n");
    for (Finding f : report.findings()) {
      boolean judged = f.status() != Finding.Status.INSUFFICIENT_HISTORY;
      b.append("<tr").append(f.regressed() ? " class=\"fail\"" : "").append("><td>").append(escape(f.metric()))
          .append("</td><td class=\"num\">").append(number(f.current())).append("</td><td class=\"num\">")
          .append(judged ? number(f.baselineMedian()) : "\u2013").append("</td><td class=\"num\">")
          .append(judged && !Double.isNaN(f.changePercent())
              ? String.format(Locale.ROOT, "%+.1f%%", f.changePercent()) : "\u2013")
          .append("</td><td class=\"num\">").append(judged ? "\u00b1" + number(f.allowed()) : "\u2013")
          .append("</td><td class=\"num\">").append(f.historySize()).append("</td><td>")
          .append(escape(f.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
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
      ChartSpec chart = bandChart("jmh-" + (++n), title, sample.primaryMetric().scoreUnit(), labels, values, direction,
          0.0, rule);
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
