package dev.loadharness.gatling.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows of a sensitivity measurement and the rates they give: per case, how many runs passed (exit 0),
 * breached (exit 1) or could not be judged (exit 2), and which bars failed how often. An unchanged run that
 * does not pass is a false alarm; an injected one is detected only when it breaches (an environment failure
 * is not a detection).
 */
final class SensitivityTable {
  /** The rate every case must reach: unchanged runs pass, injected runs breach, in this share of runs. */
  static final double BAR = 0.95;

  /**
   * One judged run.
   *
   * @param round the round it ran in, from 1
   * @param injected "none" or the injected knob=value
   * @param exitCode the run's exit code
   * @param failed the names of the bars that failed
   */
  record Row(int round, String injected, int exitCode, List<String> failed) {
    Row {
      failed = List.copyOf(failed);
    }
  }

  private final String scenario;
  private String server = "?";
  private final List<Row> rows = new ArrayList<>();

  SensitivityTable(String scenario) {
    this.scenario = scenario;
  }

  void server(String kind) {
    this.server = kind;
  }

  void add(Row row) {
    rows.add(row);
  }

  private Map<String, List<Row>> byCase() {
    Map<String, List<Row>> by = new LinkedHashMap<>();
    SensitivityMain.CASES.forEach(c -> by.put(c, new ArrayList<>()));
    rows.forEach(r -> by.computeIfAbsent(r.injected(), k -> new ArrayList<>()).add(r));
    by.values().removeIf(List::isEmpty);
    return by;
  }

  /** The share of {@code case}'s runs that came out as they should (0 when it has none). */
  double rate(String injected) {
    List<Row> rs = byCase().getOrDefault(injected, List.of());
    int want = injected.equals("none") ? 0 : 1;
    return rs.isEmpty() ? 0 : rs.stream().filter(r -> r.exitCode() == want).count() / (double) rs.size();
  }

  /** Whether every case measured so far reaches {@link #BAR}. */
  boolean meetsBar() {
    return !rows.isEmpty() && byCase().keySet().stream().allMatch(c -> rate(c) >= BAR);
  }

  /** Whether any run ended in an environment failure (exit 2). */
  boolean anyErrors() {
    return rows.stream().anyMatch(r -> r.exitCode() == 2);
  }

  String tsv() {
    StringBuilder b = new StringBuilder("round\tcase\texit\tfailed\n");
    rows.forEach(r -> b.append(r.round()).append('\t').append(r.injected()).append('\t').append(r.exitCode())
        .append('\t').append(String.join("; ", r.failed())).append('\n'));
    return b.toString();
  }

  String markdown() {
    Map<String, List<Row>> by = byCase();
    int rounds = rows.stream().mapToInt(Row::round).max().orElse(0);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%s on %s, %d round(s), cases rotated each round; bar: %.0f%% of runs as expected%n%n", scenario, server,
        rounds, BAR * 100));
    b.append("| case | runs | exit 0 | exit 1 | exit 2 | rate | bars that failed (runs) |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    by.forEach((c, rs) -> {
      long pass = rs.stream().filter(r -> r.exitCode() == 0).count();
      long breach = rs.stream().filter(r -> r.exitCode() == 1).count();
      long error = rs.stream().filter(r -> r.exitCode() == 2).count();
      String rate = c.equals("none")
          ? String.format(Locale.ROOT, "passed %d/%d, false alarms %d", pass, rs.size(), rs.size() - pass)
          : String.format(Locale.ROOT, "detected %d/%d", breach, rs.size());
      Map<String, Long> bars = rs.stream().flatMap(r -> r.failed().stream())
          .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
      String failed = bars.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
      b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s |%n", c.equals("none") ? "unchanged" : c,
          rs.size(), pass, breach, error, rate, failed));
    });
    return b.toString();
  }
}
