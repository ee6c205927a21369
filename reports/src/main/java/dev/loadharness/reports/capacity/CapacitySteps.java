package dev.loadharness.reports.capacity;

import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.SeriesColumn;
import dev.loadharness.reports.record.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one capacity step out of its run record: the steady window's throughput, in-flight growth, CPU and
 * slots from the record's series, latencies and counts from the record itself.
 *
 * <p>Why a window: at the start of a step queues fill (in flight rises from 0 to rate x latency) and at its end
 * they drain; only the part in between says whether the load can be carried indefinitely.
 */
public final class CapacitySteps {
  private CapacitySteps() {}

  /**
   * The step {@code record} measured, not yet judged.
   *
   * @param index the order it ran in, 1-based
   * @param phase {@link CapacityStep#STEP} or {@link CapacityStep#REFINE}
   * @param offered the offered load
   * @param fromS the steady window's start, seconds after the first workflow started
   * @param toS the steady window's end (the end of the step's injection), seconds after the first start
   * @param directory the run directory relative to the capacity directory
   */
  public static CapacityStep of(RunRecord record, int index, String phase, double offered, double fromS, double toS,
      String directory) {
    TimeSeries s = record.series();
    double t0 = firstStartS(s);
    List<Integer> window = window(s.elapsedS(), t0 + fromS, t0 + toS);
    Double throughput = mean(s, SeriesColumn.THROUGHPUT_WPS, window);
    LatencySummary e2e = record.latencyMs().get(RunRecord.LATENCY_END_TO_END);
    LatencySummary start = record.latencyMs().get(RunRecord.LATENCY_START);
    boolean latencies = e2e != null && e2e.count() > 0;
    Double wfLimit = mean(s, SeriesColumn.WORKFLOW_SLOT_LIMIT, window);
    Double actLimit = mean(s, SeriesColumn.ACTIVITY_SLOT_LIMIT, window);
    return new CapacityStep(index, phase, offered,
        throughput != null ? throughput : record.load().throughputWps(),
        latencies ? e2e.p50() : null, latencies ? e2e.p95() : null, latencies ? e2e.p99() : null,
        start != null && start.count() > 0 ? start.p95() : null,
        slope(s.elapsedS(), s.column(SeriesColumn.IN_FLIGHT), window),
        mean(s, SeriesColumn.SERVER_CPU_PERCENT, window), mean(s, SeriesColumn.WORKER_CPU_PERCENT, window),
        mean(s, SeriesColumn.DRIVER_CPU_PERCENT, window), mean(s, SeriesColumn.MACHINE_CPU_PERCENT, window),
        mean(s, SeriesColumn.SLOTS_USED, window),
        wfLimit == null || actLimit == null ? null : wfLimit + actLimit,
        record.load().started(), record.load().failed(), record.load().timedOut(), record.load().unaccounted(),
        record.thresholds(), record.verdict().json(), false, "", record.runId(), directory);
  }

  /**
   * When the first workflow started, seconds on the series' clock: the interval before the first sample with a
   * workflow in flight. The series' clock starts when the driver does, and Gatling takes from under a second to
   * several (a busy machine, a first simulation in this JVM) before its first start.
   */
  static double firstStartS(TimeSeries s) {
    List<Double> inFlight = s.column(SeriesColumn.IN_FLIGHT);
    for (int i = 0; i < inFlight.size(); i++) {
      if (inFlight.get(i) != null && inFlight.get(i) > 0) {
        return i == 0 ? 0 : s.elapsedS().get(i - 1);
      }
    }
    return 0;
  }

  /** Indexes of the samples taken in {@code (fromS, toS]}. */
  static List<Integer> window(List<Double> elapsed, double fromS, double toS) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < elapsed.size(); i++) {
      double t = elapsed.get(i);
      if (t > fromS && t <= toS + 1e-9) {
        out.add(i);
      }
    }
    return out;
  }

  /** The column's mean over the window's samples, null when it has none there. */
  static Double mean(TimeSeries s, SeriesColumn column, List<Integer> window) {
    List<Double> values = s.column(column);
    double sum = 0;
    int n = 0;
    for (int i : window) {
      if (i < values.size() && values.get(i) != null) {
        sum += values.get(i);
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** Least-squares slope of {@code y} over {@code t} within the window (per second), null below two samples. */
  static Double slope(List<Double> t, List<Double> y, List<Integer> window) {
    List<double[]> points = new ArrayList<>();
    for (int i : window) {
      if (i < y.size() && y.get(i) != null) {
        points.add(new double[] {t.get(i), y.get(i)});
      }
    }
    if (points.size() < 2) {
      return null;
    }
    double mt = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] p : points) {
      num += (p[0] - mt) * (p[1] - my);
      den += (p[0] - mt) * (p[0] - mt);
    }
    return den == 0 ? null : num / den;
  }
}
