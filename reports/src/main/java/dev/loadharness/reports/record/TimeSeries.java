package dev.loadharness.reports.record;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-interval samples over a run: one shared time axis and any number of named value columns.
 *
 * <p>Columns are kept by name rather than as fixed fields so producers can add signals without a schema
 * change; the names reports know are the constants here. A null entry is a gap (no sample that interval).
 *
 * @param intervalS seconds between samples
 * @param elapsedS seconds since the run started, one entry per interval
 * @param values column name to values, each as long as {@code elapsedS}
 */
public record TimeSeries(double intervalS, List<Double> elapsedS, Map<String, List<Double>> values) {

  /** Completed workflows per second. */
  public static final String THROUGHPUT_WPS = "throughput_wps";
  /** Workflows started and not yet completed. */
  public static final String IN_FLIGHT = "in_flight";
  /** Current adaptive concurrency limit (workflow + activity slots) summed over workers. */
  public static final String CONCURRENCY_LIMIT = "concurrency_limit";
  /** Active pollers summed over workers. */
  public static final String POLLERS = "pollers";
  /** Sticky cache hit ratio in the interval. */
  public static final String STICKY_HIT_RATIO = "sticky_hit_ratio";
  /** Task queue backlog as reported to the workers. */
  public static final String QUEUE_DEPTH = "queue_depth";
  /** Worker process CPU, percent of one core, summed over workers. */
  public static final String WORKER_CPU_PERCENT = "worker_cpu_percent";
  /** Used heap in MiB, summed over workers. */
  public static final String HEAP_USED_MB = "heap_used_mb";

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

  /** The column of that name, or an empty list when absent. */
  public List<Double> column(String name) {
    return values.getOrDefault(name, List.of());
  }
}
