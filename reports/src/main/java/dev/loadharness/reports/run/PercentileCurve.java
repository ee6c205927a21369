package dev.loadharness.reports.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Percentile distribution of a histogram on a fixed log grid, the way HdrHistogram plots are read.
 *
 * <p>The x value of percentile p is {@code 1 / (1 - p)}: 1 at the median's left edge (0%), 10 at 90%,
 * 100 at 99%, up to 10^6 at 99.9999%. On a log axis each "nine" then gets the same width, which is what
 * makes tails visible. Every curve uses the same grid so several metrics share one x axis.
 */
public final class PercentileCurve {

  /** Grid points per decade of x (per "nine"). */
  static final int POINTS_PER_NINE = 10;
  /** Number of nines the grid reaches (99.9999%). */
  static final int NINES = 6;

  private static final List<Double> GRID = grid();

  private PercentileCurve() {}

  /** The shared x grid: {@code 1 / (1 - p)} values from 1 to 10^6. */
  public static List<Double> xGrid() {
    return GRID;
  }

  /** The percentile (0..100) an x grid value stands for. */
  public static double percentileOf(double x) {
    return 100.0 * (1.0 - 1.0 / x);
  }

  /**
   * Values of {@code histogram} at every grid percentile, divided by {@code unitsPerMs}.
   *
   * @return one value per grid point in milliseconds; all null when the histogram is empty
   */
  public static List<Double> valuesMs(Histogram histogram, double unitsPerMs) {
    List<Double> values = new ArrayList<>(GRID.size());
    for (double x : GRID) {
      values.add(histogram.getTotalCount() == 0 ? null
          : histogram.getValueAtPercentile(percentileOf(x)) / unitsPerMs);
    }
    return Collections.unmodifiableList(values);
  }

  private static List<Double> grid() {
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i <= NINES * POINTS_PER_NINE; i++) {
      xs.add(Math.pow(10, (double) i / POINTS_PER_NINE));
    }
    return Collections.unmodifiableList(xs);
  }
}
