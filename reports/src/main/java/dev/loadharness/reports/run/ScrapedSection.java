package dev.loadharness.reports.run;

import static dev.loadharness.reports.html.Html.escape;

import dev.loadharness.reports.record.BucketLatency;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.ScrapedMetrics;
import java.util.Locale;
import java.util.Map;

/**
 * The report's part for scraped metrics (a deployed fleet's, the server's) and the saturation verdict:
 * latencies shown as the bucket bounds they are, never as exact percentiles.
 */
final class ScrapedSection {
  private ScrapedSection() {}

  /** The HTML: the saturation line, then one table per scraped source. */
  static void html(StringBuilder b, RunRecord run) {
    if (run.saturation() != null) {
      b.append("<h2 id=\"saturation\">Saturation</h2>\n<p id=\"saturation-line\">")
          .append(escape(run.saturation().line())).append("</p>\n<p class=\"meta\">Rule: ")
          .append(escape(run.saturation().rule())).append("</p>\n");
    }
    source(b, "worker-scrape", "Deployed workers (scraped)", run.workerScrape());
    source(b, "server-metrics", "Temporal server (scraped)", run.serverMetrics());
  }

  private static void source(StringBuilder b, String id, String title, ScrapedMetrics m) {
    if (m == null) {
      return;
    }
    b.append("<h2 id=\"").append(id).append("\">").append(escape(title)).append("</h2>\n<p class=\"meta\">")
        .append(m.scrapes()).append(" scrapes of ").append(escape(String.join(", ", m.urls()))).append(" (")
        .append(m.failedScrapes()).append(" failed) over ").append(String.format(Locale.ROOT, "%.1f", m.windowS()))
        .append(" s. Source: ").append(escape(m.source())).append(": latencies are Prometheus histogram buckets, "
            + "not samples, so each percentile is the bucket that holds it (above the lower bound, at most the "
            + "upper).").append(m.lastError() == null ? "" : " Last failure: " + escape(m.lastError())).append("</p>\n");
    if (!m.latencyMs().isEmpty()) {
      b.append("<table id=\"").append(id).append("-latency\"><thead><tr><th>latency (ms)</th><th class=\"num\">count"
          + "</th><th class=\"num\">mean</th><th class=\"num\">p50 in</th><th class=\"num\">p95 in</th>"
          + "<th class=\"num\">p99 in</th></tr></thead><tbody>\n");
      m.latencyMs().forEach((name, l) -> b.append("<tr><td>").append(escape(name)).append("</td><td class=\"num\">")
          .append(l.count()).append("</td><td class=\"num\">").append(l.meanMs() == null ? "" : fmt(l.meanMs()))
          .append("</td><td class=\"num\">").append(bounds(l.p50LowerMs(), l.p50UpperMs()))
          .append("</td><td class=\"num\">").append(bounds(l.p95LowerMs(), l.p95UpperMs()))
          .append("</td><td class=\"num\">").append(bounds(l.p99LowerMs(), l.p99UpperMs())).append("</td></tr>\n"));
      b.append("</tbody></table>\n");
    }
    if (!m.values().isEmpty()) {
      b.append("<table id=\"").append(id).append("-values\"><tbody>\n");
      m.values().forEach((name, v) -> b.append("<tr><th>").append(escape(name)).append("</th><td class=\"num\">")
          .append(fmt(v)).append("</td></tr>\n"));
      b.append("</tbody></table>\n");
    }
  }

  /** The markdown lines for summary.md. */
  static void markdown(StringBuilder s, RunRecord run) {
    if (run.saturation() != null) {
      s.append("- saturation: ").append(run.saturation().line()).append(" (rule: ").append(run.saturation().rule())
          .append(")\n");
    }
    markdown(s, "deployed workers (scraped)", run.workerScrape());
    markdown(s, "server (scraped)", run.serverMetrics());
  }

  private static void markdown(StringBuilder s, String title, ScrapedMetrics m) {
    if (m == null) {
      return;
    }
    s.append("- ").append(title).append(": ").append(m.scrapes()).append(" scrapes (").append(m.failedScrapes())
        .append(" failed), latencies from histogram buckets");
    for (Map.Entry<String, BucketLatency> e : m.latencyMs().entrySet()) {
      s.append("; ").append(e.getKey()).append(" p95 in ")
          .append(bounds(e.getValue().p95LowerMs(), e.getValue().p95UpperMs())).append(" ms");
    }
    m.values().forEach((k, v) -> s.append("; ").append(k).append(' ').append(fmt(v)));
    s.append('\n');
  }

  private static String bounds(double lower, Double upper) {
    return "(" + fmt(lower) + ", " + (upper == null ? "+Inf" : fmt(upper)) + "]";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
