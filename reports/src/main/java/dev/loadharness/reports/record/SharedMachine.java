package dev.loadharness.reports.record;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether other processes took a share of the machine during a run: the machine's busy CPU (from /proc/stat)
 * minus what this run's server, workers and driver used, averaged over the run's samples.
 *
 * <p>Why a run says so: calibrated bars are limits measured on a quiet machine, and neighbours move them.
 * Measured on the project's 2-core machine (docs/load-suite.md, "A/B against a baseline"): five builds at
 * {@code nice 19} raised worker-load-128's end-to-end median by about 14%, and 7 of 20 runs of unchanged code
 * breached a calibrated bar, while the paired A/B of the same runs said unchanged on every metric. A breach in
 * such a run may be the neighbours', and the record should say so where the verdict is read.
 */
public final class SharedMachine {
  /** The event kind. */
  public static final String EVENT = "machine_shared";
  /**
   * Other processes' mean CPU, percent of one core, from which a run counts as sharing its machine. Well above
   * the gap between the machine's CPU and the sum of the parts on a quiet run (the parts are sampled by their
   * own clocks, a second apart at most), well below what one busy neighbour takes.
   */
  public static final double OTHERS_PERCENT = 25;

  private static final List<SeriesColumn> PARTS = List.of(SeriesColumn.SERVER_CPU_PERCENT,
      SeriesColumn.WORKER_CPU_PERCENT, SeriesColumn.DRIVER_CPU_PERCENT);

  private SharedMachine() {}

  /**
   * Mean CPU over a run, percent of one core.
   *
   * @param othersPercent what processes other than this run's server, workers and driver took
   * @param machinePercent the whole machine's busy CPU
   */
  public record Share(double othersPercent, double machinePercent) {}

  /**
   * Other processes' share of {@code series}: mean of machine minus server, workers and driver over the samples
   * where the machine was measured; empty when it never was (no /proc/stat).
   *
   */
  public static Optional<Share> others(TimeSeries series) {
    List<Double> machine = series.column(SeriesColumn.MACHINE_CPU_PERCENT);
    // The parts this run measured at all; a sample counts only when each of them has a value in it (a worker's
    // first second has none, while its JVM start would read as another process).
    List<List<Double>> parts = PARTS.stream().filter(series::hasData).map(series::column).toList();
    double others = 0;
    double busy = 0;
    int n = 0;
    for (int i = 0; i < machine.size(); i++) {
      Double m = machine.get(i);
      if (m == null || !measured(parts, i)) {
        continue;
      }
      double ours = 0;
      for (List<Double> part : parts) {
        ours += part.get(i);
      }
      others += Math.max(0, m - ours);
      busy += m;
      n++;
    }
    return n == 0 ? Optional.empty() : Optional.of(new Share(others / n, busy / n));
  }

  /**
   * The event for a run whose neighbours took at least {@link #OTHERS_PERCENT} of one core, empty otherwise.
   *
   * @param atS when to place it on the run's timeline, seconds since the run began
   * @param series the run's series
   * @param cpus the machine's processors
   * @param calibrated whether the run was judged against calibrated bars (the detail then says what that means)
   */
  public static Optional<RunEvent> event(double atS, TimeSeries series, int cpus, boolean calibrated) {
    return others(series).filter(o -> o.othersPercent() >= OTHERS_PERCENT).map(o -> new RunEvent(atS, EVENT, "machine",
        String.format(Locale.ROOT, "other processes took %.0f%% of one core on average during the run (machine "
            + "busy %.0f%% of %d cores)%s", o.othersPercent(), o.machinePercent(), cpus, calibrated
                ? "; the calibrated bars were measured on a quiet machine, so a breach may be the neighbours': "
                    + "a paired --baseline run cancels them"
                : "")));
  }

  private static boolean measured(List<List<Double>> parts, int i) {
    return parts.stream().allMatch(p -> i < p.size() && p.get(i) != null);
  }
}
