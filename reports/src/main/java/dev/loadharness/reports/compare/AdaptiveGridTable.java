package dev.loadharness.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Markdown table of a grid of runtime comparisons (issue 18's blocking share x offered load): a row
 * per cell and setting with the medians, and on the candidate's row its paired ratios against the best
 * other setting, read from each cell's {@code comparison.json}.
 *
 * <p>Usage: {@code AdaptiveGridTable <out.md> <cell>=<comparison.json> ...}; exit 2 on a missing or
 * unreadable file, naming it.
 */
public final class AdaptiveGridTable {

  private static final List<String> VALUES = List.of("throughput_wps", "end_to_end_p95_ms",
      "workflow_schedule_to_start_p95_ms", "activity_schedule_to_start_p95_ms", "worker_cpu_percent_avg");
  private static final List<String> RATIOS = List.of("throughput_wps", "workflow_schedule_to_start_p95_ms",
      "activity_schedule_to_start_p95_ms");

  private AdaptiveGridTable() {}

  /**
   * One cell of the grid.
   *
   * @param label the cell's name in the table, e.g. {@code b50 x1.5}
   * @param comparison the {@code comparison} object of the cell's comparison.json
   */
  public record Cell(String label, JsonNode comparison) {
    public Cell {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(comparison, "comparison");
    }
  }

  /** Reads {@code file} (a comparison.json) as the cell {@code label}. */
  public static Cell read(String label, Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode comparison = root.path("comparison");
    if (!comparison.isObject()) {
      throw new IOException(file + ": no \"comparison\" object (is it a comparison.json?)");
    }
    return new Cell(label, comparison);
  }

  /** The table: one row per cell and setting; the candidate's row carries its paired ratios. */
  public static String render(List<Cell> cells) {
    StringBuilder md = new StringBuilder();
    md.append("| cell | setting | passed | throughput (wf/s) | end-to-end p95 (s) | WFT schedule-to-start p95 (ms)"
        + " | activity schedule-to-start p95 (ms) | worker CPU (% of a core)"
        + " | throughput ratio | WFT sts ratio | activity sts ratio |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Cell cell : cells) {
      JsonNode c = cell.comparison();
      String candidate = c.path("candidate").asText();
      for (JsonNode s : c.path("summaries")) {
        String setting = s.path("setting").asText();
        md.append("| ").append(cell.label()).append(" | ").append(setting).append(" | ")
            .append(s.path("passed").asInt()).append('/').append(s.path("runs").asInt()).append(" |");
        for (String metric : VALUES) {
          md.append(' ').append(value(metric, s.path("metrics").path(metric))).append(" |");
        }
        for (String metric : RATIOS) {
          md.append(' ').append(setting.equals(candidate) ? ratio(c.path("verdicts"), metric) : "").append(" |");
        }
        md.append('\n');
      }
    }
    md.append("\nRatios: ").append("candidate / best other setting on that metric (for schedule-to-start, the "
        + "best of the settings that kept up: throughput within 10% of the best other's), paired within each "
        + "round, median (min–max) over rounds, then that setting and the outcome (" + RuntimeComparison.OUTCOME_RULE
        + ").\n");
    return md.toString();
  }

  private static String value(String metric, JsonNode stat) {
    if (!stat.has("median")) {
      return "—";
    }
    double scale = metric.equals("end_to_end_p95_ms") ? 1000 : 1;
    String pattern = metric.equals("throughput_wps") || scale > 1 ? "%.1f" : "%.0f";
    String median = String.format(Locale.ROOT, pattern, stat.path("median").asDouble() / scale);
    if (stat.path("n").asInt() < 2) {
      return median;
    }
    return median + " (" + String.format(Locale.ROOT, pattern, stat.path("min").asDouble() / scale) + "–"
        + String.format(Locale.ROOT, pattern, stat.path("max").asDouble() / scale) + ")";
  }

  private static String ratio(JsonNode verdicts, String metric) {
    for (JsonNode v : verdicts) {
      if (v.path("metric").asText().equals(metric)) {
        JsonNode r = v.path("ratio");
        String outcome = v.path("outcome").asText().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (!r.has("median")) {
          return outcome;
        }
        return String.format(Locale.ROOT, "%.2fx (%.2f–%.2f) vs %s, %s", r.path("median").asDouble(),
            r.path("min").asDouble(), r.path("max").asDouble(), v.path("baseline").asText(), outcome);
      }
    }
    return "—";
  }

  /** Writes the table of the given {@code label=comparison.json} cells to the first argument's file. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: AdaptiveGridTable <out.md> <cell>=<comparison.json> ...");
      System.exit(2);
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        System.err.println("AdaptiveGridTable: argument " + i + " \"" + args[i] + "\" is not <cell>=<comparison.json>");
        System.exit(2);
      }
      try {
        cells.add(read(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1))));
      } catch (IOException | UncheckedIOException e) {
        System.err.println("AdaptiveGridTable: cannot read " + args[i].substring(eq + 1) + ": " + e.getMessage());
        System.exit(2);
      }
    }
    try {
      Files.writeString(Path.of(args[0]), render(cells));
    } catch (IOException e) {
      System.err.println("AdaptiveGridTable: cannot write " + args[0] + ": " + e.getMessage());
      System.exit(2);
    }
  }
}
