package dev.loadharness.gatling.gate;

import dev.loadharness.reports.record.Saturation;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TimeSeries;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which side saturated first, read tick by tick from the run's series.
 *
 * <p>The workers are saturated at a tick when their slots in use reach {@value #SLOT_SHARE} of their slot
 * limits (workflow + activity): work is then waiting for a worker, not for the server. The server is saturated
 * at a tick when it reports errors in that tick (frontend or persistence, resource-exhausted included), or when
 * its persistence p95 (the upper bound of the bucket holding it) is at least {@value #PERSISTENCE_FACTOR} times
 * the run's lowest tick and at least {@value #PERSISTENCE_FLOOR_MS} ms: the store is then slower than the load
 * lets it be, whatever the workers do. The first tick that meets a condition names its side; both in one tick
 * is {@code both}; a side whose columns were never measured can never be named (the rule says so).
 */
public final class SaturationRule {
  static final double SLOT_SHARE = 0.9;
  static final double PERSISTENCE_FACTOR = 4;
  static final double PERSISTENCE_FLOOR_MS = 50;

  /** The rule in words, kept in the record beside the answer. */
  public static final String RULE = String.format(Locale.ROOT, "workers: slots used >= %.0f%% of the slot limit; "
      + "server: any frontend or persistence error in the tick, or persistence p95 (bucket upper bound) >= %.0fx "
      + "the run's lowest tick and >= %.0f ms; the earlier tick wins", SLOT_SHARE * 100, PERSISTENCE_FACTOR,
      PERSISTENCE_FLOOR_MS);

  private SaturationRule() {}

  /** Applies the rule to {@code series}. */
  public static Saturation judge(TimeSeries series) {
    List<Double> at = series.elapsedS();
    List<Double> used = series.column(SeriesColumn.SLOTS_USED);
    List<Double> wfLimit = series.column(SeriesColumn.WORKFLOW_SLOT_LIMIT);
    List<Double> actLimit = series.column(SeriesColumn.ACTIVITY_SLOT_LIMIT);
    List<Double> persistence = series.column(SeriesColumn.SERVER_PERSISTENCE_P95_MS);
    List<Double> errors = series.column(SeriesColumn.SERVER_ERRORS);
    double lowest = persistence.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(0);
    Integer workers = null;
    String workersSignal = null;
    Integer server = null;
    String serverSignal = null;
    for (int i = 0; i < at.size(); i++) {
      if (workers == null) {
        Double u = get(used, i);
        double limit = nz(get(wfLimit, i)) + nz(get(actLimit, i));
        if (u != null && limit > 0 && u >= SLOT_SHARE * limit) {
          workers = i;
          workersSignal = String.format(Locale.ROOT, "slots used %.0f of %.0f", u, limit);
        }
      }
      if (server == null) {
        Double e = get(errors, i);
        Double p = get(persistence, i);
        if (e != null && e > 0) {
          server = i;
          serverSignal = String.format(Locale.ROOT, "%.0f server error(s) in the tick", e);
        } else if (p != null && p >= PERSISTENCE_FLOOR_MS && p >= PERSISTENCE_FACTOR * lowest) {
          server = i;
          serverSignal = String.format(Locale.ROOT, "persistence p95 <= %.1f ms, lowest tick %.1f ms", p, lowest);
        }
      }
    }
    String first = workers == null && server == null ? Saturation.NEITHER
        : workers == null ? Saturation.SERVER
        : server == null ? Saturation.WORKERS
        : workers.equals(server) ? Saturation.BOTH
        : workers < server ? Saturation.WORKERS : Saturation.SERVER;
    String rule = RULE;
    if (!series.hasData(SeriesColumn.SERVER_PERSISTENCE_P95_MS) && !series.hasData(SeriesColumn.SERVER_ERRORS)) {
      rule += " (no server metrics were scraped: the server side cannot be named)";
    }
    if (!series.hasData(SeriesColumn.SLOTS_USED)) {
      rule += " (no worker slot metrics: the worker side cannot be named)";
    }
    return new Saturation(first, server == null ? null : at.get(server), workers == null ? null : at.get(workers),
        serverSignal, workersSignal, rule);
  }

  private static Double get(List<Double> column, int i) {
    return i < column.size() ? column.get(i) : null;
  }

  private static double nz(Double v) {
    return v == null ? 0 : v;
  }
}
