package dev.loadharness.reports.run;

import static dev.loadharness.reports.html.Html.escape;
import static dev.loadharness.reports.html.Html.number;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.SegmentSummary;
import java.util.Locale;

/**
 * The report's part for a distributed run: one row per segment (who ran it, whether it was retried, what it
 * counted, its throughput), so a reader sees which driver was slow or lost; a single-machine run has none.
 */
final class SegmentSection {
  private SegmentSection() {}

  /** The HTML table of the run's segments; nothing for a run without segments. */
  static void html(StringBuilder b, RunRecord run) {
    if (run.segments().isEmpty()) {
      return;
    }
    b.append("<h2 id=\"segments\">Segments</h2>\n<p class=\"meta\">The load ran as ").append(run.segments().size())
        .append(" segment(s) on driver processes; the workflows above are their sum. A retried segment was taken "
            + "over by another driver, which attached to the workflows its predecessor had started and counted "
            + "each once; its throughput is that of the attempt that counted.</p>\n")
        .append("<table id=\"segments-table\"><thead><tr><th>segment</th><th>driver</th><th>retried</th>"
            + "<th class=\"num\">started</th><th class=\"num\">completed</th><th class=\"num\">failed</th>"
            + "<th class=\"num\">timed out</th><th class=\"num\">attached</th><th class=\"num\">duration (s)</th>"
            + "<th class=\"num\">throughput (workflows/s)</th></tr></thead><tbody>\n");
    for (SegmentSummary s : run.segments()) {
      b.append("<tr").append(s.retried() ? " class=\"changed\"" : "").append("><td>").append(escape(s.id()))
          .append("</td><td><code>").append(escape(s.driver())).append("</code></td><td>")
          .append(s.retried() ? "yes (" + s.attempts() + " attempts)" : "no").append("</td>")
          .append(num(s.started())).append(num(s.completed())).append(num(s.failed())).append(num(s.timedOut()))
          .append(num(s.attached())).append("<td class=\"num\">").append(number(s.durationS()))
          .append("</td><td class=\"num\">").append(number(s.throughputWps())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** The markdown table of the run's segments; nothing for a run without segments. */
  static void markdown(StringBuilder s, RunRecord run) {
    if (run.segments().isEmpty()) {
      return;
    }
    s.append("\n## Segments\n\n| segment | driver | retried | started | completed | failed | timed out | attached "
        + "| throughput (wf/s) |\n|---|---|---|---|---|---|---|---|---|\n");
    for (SegmentSummary g : run.segments()) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %.2f |%n", g.id(), g.driver(),
          g.retried() ? "yes (" + g.attempts() + " attempts)" : "no", g.started(), g.completed(), g.failed(),
          g.timedOut(), g.attached(), g.throughputWps()));
    }
  }

  private static String num(long v) {
    return "<td class=\"num\">" + number((double) v) + "</td>";
  }
}
