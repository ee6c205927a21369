package dev.loadharness.reports.html;

import java.util.List;

/**
 * One chart for the page script to draw with uPlot: a shared x axis and named y series.
 *
 * @param id DOM id of the chart's container
 * @param title heading shown above the chart
 * @param xKind how to read x: {@code seconds} (elapsed), {@code percentile} (x = 1/(1-p), log scale) or
 *     {@code index} (run number, labelled with {@code xLabels}) or {@code value} (a measured quantity on a linear
 *     axis titled {@code xTitle}, e.g. offered load; points drawn, gaps spanned)
 * @param yLabel unit of the y axis
 * @param x x values
 * @param xLabels short tick labels for {@code index} charts (one per x), empty otherwise; the page script
 *     labels only as many ticks as fit without overlapping
 * @param xDetails full text per x for {@code index} charts (timestamp, run id), shown in the legend on hover
 * @param series the y series
 * @param bands pairs of series indexes (1-based as uPlot counts, upper first) to fill between
 * @param yMin lowest value the y axis may show (the metric's physical limit), null for none
 * @param yMax highest value the y axis may show, null for none
 * @param xTitle the x axis title of an {@code index} or {@code value} chart, null for the default
 */
public record ChartSpec(
    String id, String title, String xKind, String yLabel, List<Double> x, List<String> xLabels,
    List<String> xDetails, List<Series> series, List<List<Integer>> bands, Double yMin, Double yMax,
    String xTitle) {

  /** Validates the id, x kind and series lengths. */
  public ChartSpec {
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("chart id must match [a-z][a-z0-9-]*, was \"" + id + "\"");
    }
    if (!List.of("seconds", "percentile", "index", "value").contains(xKind)) {
      throw new IllegalArgumentException("chart " + id + " xKind must be seconds, percentile, index or value, was "
          + xKind);
    }
    x = List.copyOf(x);
    xLabels = xLabels == null ? List.of() : List.copyOf(xLabels);
    xDetails = xDetails == null ? List.of() : List.copyOf(xDetails);
    series = List.copyOf(series);
    bands = bands == null ? List.of() : List.copyOf(bands);
    for (Series s : series) {
      if (s.values().size() != x.size()) {
        throw new IllegalArgumentException("chart " + id + " series \"" + s.label() + "\" has " + s.values().size()
            + " values for " + x.size() + " x values");
      }
    }
  }

  /** A chart with the default x axis title. */
  public ChartSpec(String id, String title, String xKind, String yLabel, List<Double> x, List<String> xLabels,
      List<String> xDetails, List<Series> series, List<List<Integer>> bands, Double yMin, Double yMax) {
    this(id, title, xKind, yLabel, x, xLabels, xDetails, series, bands, yMin, yMax, null);
  }

  /** A chart without hover details or y limits. */
  public ChartSpec(String id, String title, String xKind, String yLabel, List<Double> x, List<String> xLabels,
      List<Series> series, List<List<Integer>> bands) {
    this(id, title, xKind, yLabel, x, xLabels, List.of(), series, bands, null, null);
  }

  /**
   * One y series.
   *
   * @param label legend label
   * @param values y values aligned with the chart's x; null is a gap
   * @param dashed whether to draw it dashed (bands and baselines)
   */
  public record Series(String label, List<Double> values, boolean dashed) {

    /** Copies the values, keeping nulls as gaps. */
    public Series {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** A solid series. */
    public static Series of(String label, List<Double> values) {
      return new Series(label, values, false);
    }
  }
}
