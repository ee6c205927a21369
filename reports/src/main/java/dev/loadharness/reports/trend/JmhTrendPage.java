package dev.loadharness.reports.trend;

import static dev.loadharness.reports.html.Html.escape;

import dev.loadharness.reports.html.ChartSpec;
import dev.loadharness.reports.html.PageTemplate;
import java.util.ArrayList;
import java.util.List;

/** Renders the JMH trend page of one machine: every benchmark's score across result sets with its band. */
public final class JmhTrendPage {

  private JmhTrendPage() {}

  /** File name of the page of {@code machine} inside the trends directory. */
  public static String fileName(String machine) {
    return "jmh--" + TrendKey.safe(machine) + ".html";
  }

  /** Renders the page from the machine's result sets, oldest first. */
  public static String render(String machine, List<StoredJmh> sets, RegressionRule rule) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<p class=\"meta\"><a href=\"../index.html\">all trends</a></p>\n<h1>JMH trend</h1>\n")
        .append("<p class=\"meta\">machine ").append(escape(machine)).append(" &middot; ").append(sets.size())
        .append(" result set(s)</p>\n");
    List<ChartSpec> charts = new ArrayList<>();
    TrendPage.jmhSection(b, charts, sets, rule);
    return PageTemplate.render("JMH trend \u2014 " + machine, b.toString(), charts);
  }
}
