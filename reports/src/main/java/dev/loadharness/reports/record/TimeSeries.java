package dev.loadharness.reports.record;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-interval samples over a run: one shared time axis and any number of named value columns.
 *
 * <p>Producers write columns through {@link SeriesColumn} ({@link #of}); the record keeps them by name so a
 * record written by an older or newer producer still reads. A null entry is a gap (no sample that interval).
 *
 * @param intervalS seconds between samples
 * @param elapsedS seconds since the run started, one entry per interval
 * @param values column name to values, each as long as {@code elapsedS}
 */
public record TimeSeries(double intervalS, List<Double> elapsedS, Map<String, List<Double>> values) {

  /** An empty series. */
  public static final TimeSeries EMPTY = new TimeSeries(1.0, List.of(), Map.of());

  /** Validates that every column is as long as the time axis. */
  public TimeSeries {
    if (!(intervalS > 0)) {
      throw new IllegalArgumentException("series.interval_s must be > 0, was " + intervalS);
    }
    elapsedS = elapsedS == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(elapsedS));
    TreeMap<String, List<Double>> copy = new TreeMap<>();
    if (values != null) {
      for (Map.Entry<String, List<Double>> e : values.entrySet()) {
        List<Double> column = e.getValue() == null ? List.of() : e.getValue();
        if (column.size() != elapsedS.size()) {
          throw new IllegalArgumentException("series.values." + e.getKey() + " has " + column.size()
              + " entries but series.elapsed_s has " + elapsedS.size());
        }
        copy.put(e.getKey(), java.util.Collections.unmodifiableList(new java.util.ArrayList<>(column)));
      }
    }
    values = java.util.Collections.unmodifiableMap(copy);
  }

  /** A series of typed columns, each as long as {@code elapsedS}. */
  public static TimeSeries of(double intervalS, List<Double> elapsedS, Map<SeriesColumn, List<Double>> columns) {
    Map<String, List<Double>> values = new TreeMap<>();
    columns.forEach((column, v) -> values.put(column.id(), v));
    return new TimeSeries(intervalS, elapsedS, values);
  }

  /** The column, or an empty list when absent. */
  public List<Double> column(SeriesColumn column) {
    return column(column.id());
  }

  /** Whether the column has at least one sample (a non-null value). */
  public boolean hasData(SeriesColumn column) {
    return column(column).stream().anyMatch(java.util.Objects::nonNull);
  }

  /** The column of that name, or an empty list when absent. */
  public List<Double> column(String name) {
    return values.getOrDefault(name, List.of());
  }
}
