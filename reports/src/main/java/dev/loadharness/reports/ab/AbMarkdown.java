package dev.loadharness.reports.ab;

import dev.loadharness.reports.trend.Direction;
import java.util.List;
import java.util.Locale;

/** Renders an {@link AbComparison} as comparison.md. */
public final class AbMarkdown {
  private AbMarkdown() {}

  /** The comparison with the runs it came from. */
  public static String render(AbComparison c, List<AbRun> runs) {
    StringBuilder md = new StringBuilder();
    md.append("# A/B: ").append(c.scenario()).append(", head against ").append(c.base()).append("\n\n");
    md.append("head: ").append(c.head()).append("  \nbase: ").append(c.base()).append("  \nserver: ")
        .append(c.serverKind()).append("\n\n");
    md.append(c.paired()
        ? String.format(Locale.ROOT, "%d round(s); head and base ran once per round against one server, the order "
            + "rotated each round.", c.rounds())
        : String.format(Locale.ROOT, "%d head run(s) against %d earlier baseline run(s), unpaired.", c.rounds(),
            c.baseRuns()));
    md.append(" Ratio = head / base. ").append(c.method()).append(". Verdict: regressed or improved when the whole "
        + "interval lies beyond the minimum effect on that side, unchanged when it lies within ± the minimum effect, "
        + "inconclusive when it straddles a bound.\n\n");
    md.append(headline(c)).append("\n\n");
    md.append("| metric | better | head (median) | base (median) | ratio head/base | 95% interval | min effect "
        + "| verdict |\n|---|---|---|---|---|---|---|---|\n");
    for (MetricResult m : c.metrics()) {
      md.append("| ").append(m.label()).append(" (").append(m.unit()).append(") | ")
          .append(m.direction() == Direction.HIGHER_IS_BETTER ? "higher" : "lower").append(" | ")
          .append(value(m.headMedian())).append(" | ").append(value(m.baseMedian())).append(" | ")
          .append(m.ratio() == null ? "—" : ratio(m.ratio().estimate())).append(" | ")
          .append(m.ratio() == null ? "—" : ratio(m.ratio().low()) + "–" + ratio(m.ratio().high())).append(" | ")
          .append(String.format(Locale.ROOT, "±%.0f%%", m.minEffect() * 100)).append(" | **")
          .append(m.verdict().id()).append("**").append(m.note().isEmpty() ? "" : " (" + m.note() + ")")
          .append(" |\n");
    }
    md.append("\n## Runs\n\n");
    for (AbRun run : runs) {
      md.append("- ").append(run.arm()).append(", ").append(c.paired() ? "round " : "run ").append(run.round())
          .append(": ").append(run.verdict()).append(" — [report](").append(run.directory())
          .append("/report.html), [run.json](").append(run.directory()).append("/run.json)\n");
    }
    return md.toString();
  }

  /** The one-line outcome: which metrics regressed, or that none did. */
  public static String headline(AbComparison c) {
    List<MetricResult> regressed = c.regressions();
    if (!regressed.isEmpty()) {
      return "**REGRESSED** beyond the minimum effect: " + String.join(", ", regressed.stream()
          .map(m -> m.label() + " " + ratio(m.ratio().estimate()) + "x [" + ratio(m.ratio().low()) + "–"
              + ratio(m.ratio().high()) + "]").toList());
    }
    long unchanged = c.metrics().stream().filter(m -> m.verdict() == AbVerdict.UNCHANGED).count();
    return "**No regression** beyond the minimum effect (" + unchanged + " of " + c.metrics().size()
        + " metrics unchanged).";
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, value < 0.1 ? "%.3f" : "%.2f", value);
  }

  static String value(Double value) {
    if (value == null) {
      return "—";
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 1 ? "%.1f" : "%.3f", value);
  }
}
