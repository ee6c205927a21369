package dev.loadharness.reports.ab;

import dev.loadharness.reports.ab.RatioInterval.Interval;
import dev.loadharness.reports.compare.Stat;
import dev.loadharness.reports.record.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Head against a baseline on one scenario: every {@link AbMetric} as a ratio head/base with a bootstrap 95%
 * interval ({@link RatioInterval}: bootstrap and Student-t) and an {@link AbVerdict}.
 *
 * <p>Paired: head and base ran in the same rounds against one server, the order rotated each round, so the
 * ratio of a round cancels whatever the machine was doing that minute. Unpaired: the baseline is earlier
 * runs (a run directory), so machine drift between then and now is part of the ratio.
 *
 * @param scenario the scenario every run used
 * @param serverKind the server head ran on
 * @param head what head is (e.g. the checkout's commit)
 * @param base what the baseline is (a git ref and commit, a classpath, or a run directory)
 * @param paired whether the interval is over per-round paired ratios
 * @param rounds head runs that entered the comparison
 * @param baseRuns baseline runs that entered the comparison
 * @param resamples bootstrap resamples
 * @param seed bootstrap seed
 * @param metrics one result per metric, in {@link AbMetric#ALL} order
 */
public record AbComparison(String scenario, String serverKind, String head, String base, boolean paired, int rounds,
    int baseRuns, int resamples, long seed, List<MetricResult> metrics) {

  /**
   * Fewer samples than this give no verdict but inconclusive: one round has no spread at all, and two rounds'
   * t interval rests on one difference (measured: two rounds of identical code on a busy machine agreed on a
   * ratio of 0.73 to three digits).
   */
  public static final int MIN_SAMPLES = 3;

  public AbComparison {
    Objects.requireNonNull(scenario, "scenario");
    metrics = List.copyOf(metrics);
  }

  /**
   * One round's pair; either side may be null when that run failed to produce a record.
   *
   * @param round 1-based round
   * @param head head's record of the round
   * @param base base's record of the round
   */
  public record Pair(int round, RunRecord head, RunRecord base) {}

  /** Compares paired rounds. */
  public static AbComparison paired(String head, String base, List<Pair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a paired comparison needs at least one round");
    }
    List<MetricResult> results = new ArrayList<>();
    for (AbMetric metric : AbMetric.ALL) {
      List<Double> headValues = pairs.stream().map(p -> read(metric, p.head())).toList();
      List<Double> baseValues = pairs.stream().map(p -> read(metric, p.base())).toList();
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        Double h = headValues.get(i);
        Double b = baseValues.get(i);
        if (h != null && b != null && h > 0 && b > 0) {
          ratios.add(h / b);
        }
      }
      String left = ratios.size() < pairs.size()
          ? (pairs.size() - ratios.size()) + " round(s) without a value > 0 on both sides left out" : "";
      Interval interval = ratios.isEmpty() ? null : RatioInterval.paired(array(ratios), RatioInterval.RESAMPLES,
          RatioInterval.SEED);
      results.add(result(metric, headValues, baseValues, interval, ratios.size(), left));
    }
    RunRecord any = pairs.stream().map(p -> p.head() != null ? p.head() : p.base()).filter(Objects::nonNull)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no round produced a run record"));
    int rounds = (int) pairs.stream().filter(p -> p.head() != null).count();
    int baseRuns = (int) pairs.stream().filter(p -> p.base() != null).count();
    return new AbComparison(any.scenario(), any.environment().serverKind(), head, base, true, rounds, baseRuns,
        RatioInterval.RESAMPLES, RatioInterval.SEED, results);
  }

  /** Compares head's runs with earlier baseline runs, unpaired. */
  public static AbComparison unpaired(String head, String base, List<RunRecord> headRuns, List<RunRecord> baseRuns) {
    if (headRuns.isEmpty() || baseRuns.isEmpty()) {
      throw new IllegalArgumentException("an unpaired comparison needs head and base runs, got " + headRuns.size()
          + " and " + baseRuns.size());
    }
    List<MetricResult> results = new ArrayList<>();
    for (AbMetric metric : AbMetric.ALL) {
      List<Double> headValues = headRuns.stream().map(r -> read(metric, r)).toList();
      List<Double> baseValues = baseRuns.stream().map(r -> read(metric, r)).toList();
      List<Double> h = positive(headValues);
      List<Double> b = positive(baseValues);
      Interval interval = h.isEmpty() || b.isEmpty() ? null
          : RatioInterval.unpaired(array(h), array(b), RatioInterval.RESAMPLES, RatioInterval.SEED);
      int samples = Math.min(h.size(), b.size());
      results.add(result(metric, headValues, baseValues, interval, samples, ""));
    }
    RunRecord first = headRuns.get(0);
    return new AbComparison(first.scenario(), first.environment().serverKind(), head, base, false, headRuns.size(),
        baseRuns.size(), RatioInterval.RESAMPLES, RatioInterval.SEED, results);
  }

  private static MetricResult result(AbMetric metric, List<Double> headValues, List<Double> baseValues,
      Interval interval, int samples, String note) {
    Double headMedian = median(headValues);
    Double baseMedian = median(baseValues);
    double effect = baseMedian == null ? metric.minEffect() : metric.effectAt(baseMedian);
    AbVerdict verdict;
    String why = note;
    if (interval == null) {
      verdict = AbVerdict.NO_DATA;
      why = join(note, "no value > 0 on both sides");
    } else if (samples < MIN_SAMPLES) {
      verdict = AbVerdict.INCONCLUSIVE;
      why = join(note, "fewer than " + MIN_SAMPLES + " samples (paired rounds, or runs on each side): too few to judge");
    } else {
      verdict = AbVerdict.of(interval, metric.direction(), effect);
    }
    return new MetricResult(metric.name(), metric.label(), metric.unit(), metric.direction(),
        Double.isInfinite(effect) ? metric.minEffect() : effect, headMedian, baseMedian, interval, samples, verdict,
        why, headValues, baseValues);
  }

  /** The metrics that regressed beyond their minimum effect. */
  public List<MetricResult> regressions() {
    return metrics.stream().filter(m -> m.verdict() == AbVerdict.REGRESSED).toList();
  }

  /** 1 when any metric regressed beyond its minimum effect, else 0. */
  public int exitCode() {
    return regressions().isEmpty() ? 0 : 1;
  }

  /** How the interval was computed, in one sentence for every output. */
  public String method() {
    return paired
        ? "95% interval of the geometric mean of the per-round paired ratios head/base: the wider of a percentile "
            + "bootstrap (" + resamples + " resamples, seed " + seed + ") and Student's t interval of the mean log ratio"
        : "95% interval of the ratio of geometric means, unpaired (the baseline ran earlier): the wider of a "
            + "percentile bootstrap (" + resamples + " resamples, seed " + seed + ", each side resampled on its own) "
            + "and Welch's t interval of the difference of mean logs";
  }

  private static Double read(AbMetric metric, RunRecord record) {
    return record == null ? null : metric.read(record);
  }

  private static List<Double> positive(List<Double> values) {
    return values.stream().filter(v -> v != null && v > 0).toList();
  }

  private static Double median(List<Double> values) {
    return Stat.of(values.stream().filter(Objects::nonNull).toList()).map(Stat::median).orElse(null);
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }
}
