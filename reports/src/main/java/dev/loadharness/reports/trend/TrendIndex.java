package dev.loadharness.reports.trend;

import static dev.loadharness.reports.html.Html.escape;

import dev.loadharness.reports.html.PageTemplate;
import java.util.List;

/** Renders the store's index page: one line per trend page with its latest verdict and regression status. */
public final class TrendIndex {

  private TrendIndex() {}

  /**
   * One trend page's line.
   *
   * @param key which runs
   * @param runs how many
   * @param latestVerdict verdict of the latest run
   * @param regression the latest run's regression report
   */
  public record Entry(TrendKey key, int runs, String latestVerdict, RegressionReport regression) {}

  /** Renders the index for {@code entries} and lists {@code problems} (unreadable store files). */
  public static String render(List<Entry> entries, List<StoreProblem> problems, List<String> jmhMachines) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<h1>Trends</h1>\n");
    if (!problems.isEmpty()) {
      b.append("<div class=\"notice\" id=\"store-problems\"><p>").append(problems.size())
          .append(" file(s) in the trend store could not be read and are left out:</p><ul>\n");
      problems.forEach(p -> b.append("<li>").append(escape(p.message())).append("</li>\n"));
      b.append("</ul></div>\n");
    }
    if (entries.isEmpty()) {
      b.append("<p class=\"meta\">The trend store holds no runs yet.</p>\n");
    } else {
      b.append("<p class=\"meta\">One line per trend key: runs are compared only with runs of the same scenario, "
          + "worker runtime settings, workload, server and machine.</p>\n");
      b.append("<table id=\"trend-index\"><thead><tr><th>scenario</th><th>runtime setting</th><th>server</th>"
          + "<th>machine</th><th>key</th><th class=\"num\">runs</th><th>latest verdict</th><th>regressions</th>"
          + "</tr></thead><tbody>\n");
      for (Entry e : entries) {
        List<Finding> regressions = e.regression().regressions();
        TrendKey k = e.key();
        b.append("<tr").append(regressions.isEmpty() ? "" : " class=\"fail\"").append("><td>")
            .append(escape(k.scenario())).append("</td><td><a href=\"trends/").append(escape(TrendPage.fileName(k)))
            .append("\">").append(escape(k.parts().getOrDefault("runtime.mode", "(not recorded)"))).append("</a>")
            .append(k.legacy() ? " (legacy key)" : "").append("</td><td>").append(escape(k.serverKind())).append(' ')
            .append(escape(k.parts().get("server.version"))).append("</td><td>").append(escape(k.machine()))
            .append("</td><td><code>").append(escape(k.hash())).append("</code></td><td class=\"num\">")
            .append(e.runs()).append("</td><td>").append(escape(e.latestVerdict())).append("</td><td>")
            .append(regressions.isEmpty() ? "none" : escape(String.join(", ",
                regressions.stream().map(Finding::metric).toList())))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    if (!jmhMachines.isEmpty()) {
      b.append("<h2>JMH</h2>\n<ul id=\"jmh-index\">\n");
      jmhMachines.forEach(m -> b.append("<li><a href=\"trends/").append(escape(JmhTrendPage.fileName(m))).append("\">")
          .append(escape(m)).append("</a></li>\n"));
      b.append("</ul>\n<p class=\"meta\">Each scenario page also shows the JMH scores of its machine.</p>\n");
    }
    return PageTemplate.render("Trends", b.toString(), List.of());
  }
}
