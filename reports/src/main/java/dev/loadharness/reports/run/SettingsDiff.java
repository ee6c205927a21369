package dev.loadharness.reports.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The effective worker settings of a run beside a baseline run's, flattened to dotted keys.
 *
 * @param rows one row per setting present in either run, sorted by key
 */
public record SettingsDiff(List<Row> rows) {

  /** Freezes the rows. */
  public SettingsDiff {
    rows = List.copyOf(rows);
  }

  /** How a setting differs from the baseline. */
  public enum Change {
    /** Same value in both runs (or no baseline). */
    SAME,
    /** Different value. */
    CHANGED,
    /** Only in this run. */
    ADDED,
    /** Only in the baseline. */
    REMOVED
  }

  /**
   * One setting.
   *
   * @param key dotted key, e.g. {@code slots.workflow.max}
   * @param value value in this run, null when removed
   * @param baseline value in the baseline, null when added or without baseline
   * @param change how it differs
   */
  public record Row(String key, String value, String baseline, Change change) {}

  /**
   * Compares settings; without a baseline every row is {@link Change#SAME} with a null baseline.
   *
   * @param current this run's runtime settings
   * @param baseline the baseline run's settings, or null
   */
  public static SettingsDiff of(Map<String, Object> current, Map<String, Object> baseline) {
    Map<String, String> now = flatten(current);
    Map<String, String> base = baseline == null ? null : flatten(baseline);
    TreeSet<String> keys = new TreeSet<>(now.keySet());
    if (base != null) {
      keys.addAll(base.keySet());
    }
    List<Row> rows = new ArrayList<>();
    for (String key : keys) {
      String v = now.get(key);
      String b = base == null ? null : base.get(key);
      Change change = base == null ? Change.SAME
          : v == null ? Change.REMOVED
          : b == null ? Change.ADDED
          : Objects.equals(v, b) ? Change.SAME : Change.CHANGED;
      rows.add(new Row(key, v, b, change));
    }
    return new SettingsDiff(rows);
  }

  /** Rows that differ from the baseline. */
  public List<Row> changes() {
    return rows.stream().filter(r -> r.change() != Change.SAME).toList();
  }

  static Map<String, String> flatten(Map<String, Object> settings) {
    Map<String, String> out = new TreeMap<>();
    flattenInto("", settings, out);
    return out;
  }

  private static void flattenInto(String prefix, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flattenInto(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
    } else {
      out.put(prefix, String.valueOf(value));
    }
  }
}
