package dev.loadharness.reports.ab;

import dev.loadharness.reports.ab.RatioInterval.Interval;
import dev.loadharness.reports.trend.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One metric of an A/B comparison.
 *
 * @param metric the metric's name
 * @param label its column text
 * @param unit its unit
 * @param direction which way is better
 * @param minEffect the relative effect that counted (the larger of the metric's relative and absolute minimums)
 * @param headMedian head's median over its samples, null without any
 * @param baseMedian base's median over its samples, null without any
 * @param ratio head/base with its 95% interval, null when it could not be computed
 * @param samples paired rounds (paired comparison) or head samples + base samples that entered the interval
 * @param verdict what the interval says
 * @param note why there is no verdict, or what was left out; empty otherwise
 * @param headValues head's value per round (null where a run did not record it)
 * @param baseValues base's value per round or per baseline run
 */
public record MetricResult(String metric, String label, String unit, Direction direction, double minEffect,
    Double headMedian, Double baseMedian, Interval ratio, int samples, AbVerdict verdict, String note,
    List<Double> headValues, List<Double> baseValues) {

  public MetricResult {
    headValues = Collections.unmodifiableList(new ArrayList<>(headValues));
    baseValues = Collections.unmodifiableList(new ArrayList<>(baseValues));
    note = note == null ? "" : note;
  }
}
