package dev.loadharness.reports.run;

import static dev.loadharness.reports.html.Html.escape;
import static dev.loadharness.reports.html.Html.number;

import dev.loadharness.reports.html.ChartSpec;
import dev.loadharness.reports.html.Html;
import dev.loadharness.reports.html.PageTemplate;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.TimeSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one run record as a self-contained HTML page: verdict, thresholds, the workflows (per segment for a
 * distributed run), latency distributions from the recorded histograms, time series, effective settings against
 * a baseline, and links to artifacts.
 */
public final class RunReport {

  /** File name of the report inside the run directory. */
  public static final String FILE_NAME = "report.html";

  /** Client-side latency curves drawn together. */
  static final Map<String, String> CLIENT_LATENCY = labels(
      RunRecord.LATENCY_START, "start", RunRecord.LATENCY_END_TO_END, "end-to-end");
  /** Worker-side latency curves drawn together. */
  static final Map<String, String> WORKER_LATENCY = labels(
      RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, "workflow task schedule-to-start",
      RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START, "activity task schedule-to-start",
      RunRecord.LATENCY_POLL, "poll (successful)");

  /** Time-series charts: id, title, unit, columns; a chart none of whose columns has a sample is left out. */
  static final List<SeriesChart> SERIES_CHARTS = List.of(
      new SeriesChart("series-throughput", "Throughput (and the offered rate)", "workflows/s",
          List.of(SeriesColumn.THROUGHPUT_WPS, SeriesColumn.OFFERED_RATE)),
      new SeriesChart("series-in-flight", "In-flight workflows (and the backlog target)", "workflows",
          List.of(SeriesColumn.IN_FLIGHT, SeriesColumn.BACKLOG_TARGET)),
      new SeriesChart("series-e2e", "End-to-end p95 per interval", "ms", List.of(SeriesColumn.END_TO_END_P95_MS)),
      new SeriesChart("series-slots", "Slot limits (the tuner's decisions) and slots used", "slots",
          List.of(SeriesColumn.WORKFLOW_SLOT_LIMIT, SeriesColumn.ACTIVITY_SLOT_LIMIT, SeriesColumn.SLOTS_USED)),
      new SeriesChart("series-queue-depth", "Queue depth: reservations waiting for a slot, server backlog", "tasks",
          List.of(SeriesColumn.SLOTS_WAITING, SeriesColumn.SERVER_BACKLOG)),
      new SeriesChart("series-pollers", "Pollers", "pollers", List.of(SeriesColumn.POLLERS)),
      new SeriesChart("series-sticky", "Sticky cache hit ratio", "ratio", List.of(SeriesColumn.STICKY_HIT_RATIO)),
      new SeriesChart("series-cpu", "Worker CPU", "% of one core", List.of(SeriesColumn.WORKER_CPU_PERCENT)),
      new SeriesChart("series-heap", "Worker heap used", "MiB", List.of(SeriesColumn.HEAP_USED_MB)),
      new SeriesChart("series-server-persistence", "Server persistence p95 (bucket upper bound)", "ms",
          List.of(SeriesColumn.SERVER_PERSISTENCE_P95_MS)),
      new SeriesChart("series-server-requests", "Server frontend requests", "requests/s",
          List.of(SeriesColumn.SERVER_REQUEST_RATE)),
      new SeriesChart("series-server-errors", "Server errors", "errors per interval", List.of(SeriesColumn.SERVER_ERRORS)),
      new SeriesChart("series-server-backlog", "Server task queue backlog (scraped)", "tasks",
          List.of(SeriesColumn.SERVER_SCRAPED_BACKLOG)));

  /** One time-series chart definition. */
  record SeriesChart(String id, String title, String unit, List<SeriesColumn> columns) {}

  private RunReport() {}

  /**
   * Renders the report and writes it into the run directory.
   *
   * @param runDir the run's directory; artifact links are relative to it
   * @param run the run
   * @param baseline the run to diff settings against, or null
   * @return the written file
   */
  public static Path write(Path runDir, RunRecord run, RunRecord baseline) {
    Path file = runDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(runDir);
      Files.writeString(file, render(run, baseline, runDir), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run report " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Renders the report page for {@code run}, diffing settings against {@code baseline} when not null. */
  public static String render(RunRecord run, RunRecord baseline) {
    return render(run, baseline, null);
  }

  /**
   * Renders the report page; with a {@code runDir}, artifacts missing from it (a report rendered in the
   * trend store, which keeps only run records) are listed without a dead link.
   */
  public static String render(RunRecord run, RunRecord baseline, Path runDir) {
    List<ChartSpec> latencyCharts = latencyCharts(run);
    List<ChartSpec> seriesCharts = seriesCharts(run.series());
    StringBuilder b = new StringBuilder(16_384);
    header(b, run);
    thresholds(b, run.thresholds());
    events(b, run);
    load(b, run);
    SegmentSection.html(b, run);
    latency(b, run, latencyCharts);
    ScrapedSection.html(b, run);
    b.append("<h2 id=\"series\">Over the run</h2>\n<div class=\"charts\">\n");
    seriesCharts.forEach(c -> b.append(Html.chartContainer(c)));
    b.append("</div>\n");
    settings(b, SettingsDiff.of(run.runtime(), baseline == null ? null : baseline.runtime()), baseline);
    artifacts(b, run.artifacts(), runDir);
    List<ChartSpec> charts = new ArrayList<>(latencyCharts);
    charts.addAll(seriesCharts);
    return PageTemplate.render(run.scenario() + " \u2014 " + run.runId(), b.toString(), charts);
  }

  private static void header(StringBuilder b, RunRecord run) {
    String verdict = run.verdict().json();
    b.append("<h1>").append(escape(run.scenario())).append(" <span class=\"verdict verdict-").append(verdict)
        .append("\" id=\"verdict\">").append(verdict.toUpperCase(java.util.Locale.ROOT)).append("</span></h1>\n");
    b.append("<p class=\"meta\">run <code>").append(escape(run.runId())).append("</code> started ")
        .append(escape(run.startedAt())).append(" &middot; commit <code>").append(escape(run.git().commit()))
        .append("</code>").append(run.git().dirty() ? " (dirty work tree)" : "")
        .append(" &middot; server ").append(escape(run.environment().serverKind())).append(' ')
        .append(escape(run.environment().serverVersion())).append(" &middot; JVM ")
        .append(escape(run.environment().jvm())).append(" &middot; ").append(run.environment().cpus())
        .append(" CPUs &middot; heap ").append(number(run.environment().heapMaxBytes() / 1048576.0))
        .append(" MiB &middot; host ").append(escape(run.environment().hostname())).append("</p>\n");
  }

  private static void thresholds(StringBuilder b, List<Threshold> thresholds) {
    b.append("<h2>Thresholds</h2>\n");
    if (thresholds.isEmpty()) {
      b.append("<p class=\"meta\">The scenario declares no thresholds.</p>\n");
      return;
    }
    b.append("<table id=\"thresholds\"><thead><tr><th>threshold</th><th>metric</th><th class=\"num\">limit</th>"
        + "<th class=\"num\">actual</th><th>result</th></tr></thead><tbody>\n");
    for (Threshold t : thresholds) {
      b.append("<tr class=\"").append(t.pass() ? "pass-row" : "fail").append("\"><td>").append(escape(t.name()))
          .append("</td><td><code>").append(escape(t.metric())).append("</code></td><td class=\"num\">")
          .append(escape(t.op())).append(' ').append(number(t.limit())).append("</td><td class=\"num\">")
          .append(t.actual() == null ? "not measured" : number(t.actual())).append("</td><td>")
          .append(t.pass() ? "<span class=\"pass\">pass</span>" : "<span class=\"fail-text\">FAIL</span>")
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** Why the run could not be judged (error, interrupted) and what happened during it, in time order. */
  private static void events(StringBuilder b, RunRecord run) {
    if (run.error() != null) {
      b.append("<p class=\"fail-text\" id=\"error\">").append(escape(run.error())).append("</p>\n");
    }
    if (run.events().isEmpty()) {
      return;
    }
    b.append("<h2>Events</h2>\n<table id=\"events\"><thead><tr><th class=\"num\">at (s)</th><th>event</th>"
        + "<th>subject</th><th>detail</th></tr></thead><tbody>\n");
    for (RunEvent e : run.events()) {
      b.append("<tr><td class=\"num\">").append(number(e.atS())).append("</td><td><code>").append(escape(e.kind()))
          .append("</code></td><td>").append(escape(e.subject())).append("</td><td>").append(escape(e.detail()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  private static void load(StringBuilder b, RunRecord run) {
    var l = run.load();
    b.append("<h2>Workflows</h2>\n<table id=\"load\"><tbody>\n");
    row(b, "started", number((double) l.started()));
    row(b, "completed", number((double) l.completed()));
    row(b, "failed", number((double) l.failed()));
    row(b, "timed out", number((double) l.timedOut()));
    b.append("<tr").append(l.unaccounted() > 0 ? " class=\"fail\"" : "").append("><th>unaccounted</th><td class=\"num\">")
        .append(number((double) l.unaccounted())).append("</td></tr>\n");
    row(b, "duration (s)", number(l.durationS()));
    row(b, "throughput (workflows/s)", number(l.throughputWps()));
    if (run.sticky() != null) {
      row(b, "sticky cache hits / misses", number((double) run.sticky().hits()) + " / "
          + number((double) run.sticky().misses()));
      row(b, "sticky cache hit ratio", number(run.sticky().ratio()));
    }
    if (run.resources() != null) {
      var r = run.resources();
      row(b, "worker CPU avg / max (% of a core)", number(r.workerCpuPercentAvg()) + " / "
          + number(r.workerCpuPercentMax()));
      row(b, "worker heap used max (MiB)", number(r.heapUsedMaxBytes() / 1048576.0));
      row(b, "GC pause total / max (ms)", number(r.gcPauseTotalMs()) + " / " + number(r.gcPauseMaxMs()));
    }
    b.append("</tbody></table>\n");
  }

  private static void row(StringBuilder b, String name, String formattedValue) {
    b.append("<tr><th>").append(escape(name)).append("</th><td class=\"num\">").append(formattedValue)
        .append("</td></tr>\n");
  }

  private static void latency(StringBuilder b, RunRecord run, List<ChartSpec> charts) {
    b.append("<h2 id=\"latency\">Latency (ms)</h2>\n");
    if (run.latencyMs().isEmpty()) {
      b.append("<p class=\"meta\">No latency was recorded.</p>\n");
    } else {
      b.append("<table id=\"latency-table\"><thead><tr><th>metric</th><th class=\"num\">count</th>"
          + "<th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p95</th><th class=\"num\">p99</th>"
          + "<th class=\"num\">max</th></tr></thead><tbody>\n");
      run.latencyMs().forEach((name, l) -> b.append("<tr><td>").append(escape(name)).append("</td>")
          .append(numCell((double) l.count())).append(numCell(l.p50())).append(numCell(l.p90()))
          .append(numCell(l.p95())).append(numCell(l.p99())).append(numCell(l.max())).append("</tr>\n"));
      b.append("</tbody></table>\n");
    }
    b.append("<p class=\"meta\">Percentile distributions decoded from each metric's HdrHistogram; the x axis "
        + "gives every \u201cnine\u201d equal width.</p>\n<div class=\"charts\">\n");
    charts.forEach(c -> b.append(Html.chartContainer(c)));
    b.append("</div>\n");
  }

  private static String numCell(double v) {
    return "<td class=\"num\">" + number(v) + "</td>";
  }

  static List<ChartSpec> latencyCharts(RunRecord run) {
    List<ChartSpec> charts = new ArrayList<>();
    charts.add(latencyChart("latency-client", "Start and end-to-end latency", CLIENT_LATENCY, run));
    charts.add(latencyChart("latency-worker", "Schedule-to-start and poll latency", WORKER_LATENCY, run));
    Map<String, String> others = new LinkedHashMap<>();
    run.latencyMs().keySet().stream()
        .filter(k -> !CLIENT_LATENCY.containsKey(k) && !WORKER_LATENCY.containsKey(k))
        .forEach(k -> others.put(k, k));
    if (!others.isEmpty()) {
      charts.add(latencyChart("latency-other", "Other latencies", others, run));
    }
    return charts;
  }

  private static ChartSpec latencyChart(String id, String title, Map<String, String> metrics, RunRecord run) {
    List<ChartSpec.Series> series = new ArrayList<>();
    metrics.forEach((metric, label) -> {
      LatencySummary l = run.latencyMs().get(metric);
      if (l != null && l.hasHistogram()) {
        series.add(ChartSpec.Series.of(label, PercentileCurve.valuesMs(l.decodeHistogram(), l.histogramUnitsPerMs())));
      }
    });
    return new ChartSpec(id, title, "percentile", "ms", PercentileCurve.xGrid(), List.of(), series, List.of());
  }

  static List<ChartSpec> seriesCharts(TimeSeries ts) {
    List<ChartSpec> charts = new ArrayList<>();
    Set<String> known = new java.util.HashSet<>();
    for (SeriesChart def : SERIES_CHARTS) {
      def.columns().forEach(c -> known.add(c.id()));
      List<ChartSpec.Series> series = def.columns().stream().filter(ts::hasData)
          .map(c -> ChartSpec.Series.of(c.id(), ts.column(c))).toList();
      if (!series.isEmpty()) {
        charts.add(new ChartSpec(def.id(), def.title(), "seconds", def.unit(), ts.elapsedS(), List.of(), series,
            List.of()));
      }
    }
    List<ChartSpec.Series> other = ts.values().keySet().stream().filter(c -> !known.contains(c))
        .filter(c -> ts.column(c).stream().anyMatch(java.util.Objects::nonNull))
        .map(c -> ChartSpec.Series.of(c, ts.column(c))).toList();
    if (!other.isEmpty()) {
      charts.add(new ChartSpec("series-other", "Other signals", "seconds", "value", ts.elapsedS(), List.of(), other,
          List.of()));
    }
    return charts;
  }

  private static void settings(StringBuilder b, SettingsDiff diff, RunRecord baseline) {
    b.append("<h2 id=\"settings\">Effective worker settings</h2>\n");
    if (baseline == null) {
      b.append("<p class=\"meta\">No baseline run to compare with.</p>\n");
    } else {
      b.append("<p class=\"meta\">Compared with baseline run <code>").append(escape(baseline.runId()))
          .append("</code>: ").append(diff.changes().size()).append(" setting(s) differ.</p>\n");
    }
    if (diff.rows().isEmpty()) {
      b.append("<p class=\"meta\">The run recorded no settings.</p>\n");
      return;
    }
    b.append("<table id=\"settings-table\"><thead><tr><th>setting</th><th>value</th>")
        .append(baseline == null ? "" : "<th>baseline</th><th>change</th>").append("</tr></thead><tbody>\n");
    for (SettingsDiff.Row r : diff.rows()) {
      b.append("<tr").append(r.change() == SettingsDiff.Change.SAME ? "" : " class=\"changed\"").append("><td><code>")
          .append(escape(r.key())).append("</code></td><td>").append(r.value() == null ? "\u2013" : escape(r.value()))
          .append("</td>");
      if (baseline != null) {
        b.append("<td>").append(r.baseline() == null ? "\u2013" : escape(r.baseline())).append("</td><td>")
            .append(r.change() == SettingsDiff.Change.SAME ? "" : r.change().name().toLowerCase(java.util.Locale.ROOT))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  private static void artifacts(StringBuilder b, Map<String, String> artifacts, Path runDir) {
    b.append("<h2 id=\"artifacts\">Artifacts</h2>\n");
    if (!artifacts.containsKey(RunRecord.ARTIFACT_GATLING_REPORT)) {
      b.append("<p class=\"meta\">This run recorded no Gatling report.</p>\n");
    }
    if (artifacts.isEmpty()) {
      return;
    }
    b.append("<ul id=\"artifact-links\">\n");
    artifacts.forEach((name, path) -> {
      String label = RunRecord.ARTIFACT_GATLING_REPORT.equals(name) ? "Gatling report" : name;
      boolean absent = runDir != null && !Files.exists(runDir.resolve(path));
      b.append("<li>").append(absent ? escape(label) : link(path, label)).append(" <code>").append(escape(path))
          .append("</code>").append(absent ? " (not next to this report: kept in the original run directory)" : "")
          .append("</li>\n");
    });
    b.append("</ul>\n");
  }

  /** A link to a relative artifact path; anything that looks like a URL scheme is shown as text only. */
  static String link(String relativePath, String label) {
    int colon = relativePath.indexOf(':');
    int slash = relativePath.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      return escape(label);
    }
    return "<a href=\"" + escape(relativePath) + "\">" + escape(label) + "</a>";
  }

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
