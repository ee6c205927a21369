package dev.loadharness.reports.ab;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A 95% interval for the ratio head/base by the percentile bootstrap.
 *
 * <p>Why the geometric mean of ratios: a ratio of 2 and a ratio of 0.5 are equally large moves, so ratios
 * are averaged in log space; the estimate is {@code exp(mean(log r))}. Paired (head and base ran in the same
 * round, back to back): the rounds' ratios are resampled with replacement {@link #RESAMPLES} times, each
 * resample's geometric mean is one bootstrap value, and the 2.5th and 97.5th percentiles of those values are
 * the interval. Unpaired (the baseline came from earlier runs): head's and base's values are resampled
 * independently and each resample's value is the ratio of their geometric means.
 *
 * <p>Limits, stated in every output: the bootstrap cannot reach beyond the observed values, so with few
 * rounds (3) the interval is about the range of the observed ratios and is optimistic; more rounds
 * narrow it honestly. The random source is seeded ({@link #SEED}): one set of samples always gives one interval.
 */
public final class RatioBootstrap {
  /** Bootstrap resamples: enough that the 2.5/97.5 percentiles move less than 0.1% between seeds. */
  public static final int RESAMPLES = 10_000;
  /** The seed of every bootstrap, so a comparison is reproducible from its samples. */
  public static final long SEED = 20_261_124L;

  private RatioBootstrap() {}

  /**
   * An estimate with its interval.
   *
   * @param estimate the geometric-mean ratio of the samples
   * @param low 2.5th percentile of the bootstrap values
   * @param high 97.5th percentile of the bootstrap values
   */
  public record Interval(double estimate, double low, double high) {
    public Interval {
      if (!(low <= estimate && estimate <= high)) {
        throw new IllegalArgumentException("interval must hold its estimate: " + low + " <= " + estimate
            + " <= " + high);
      }
    }
  }

  /** The interval of paired per-round ratios (each > 0, at least one). */
  public static Interval paired(double[] ratios, int resamples, long seed) {
    double[] logs = logs("ratios", ratios);
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      values[b] = Math.exp(resampledMean(logs, random));
    }
    return interval(Math.exp(mean(logs)), values);
  }

  /** The interval of head/base from unpaired values (each > 0, at least one of each). */
  public static Interval unpaired(double[] head, double[] base, int resamples, long seed) {
    double[] h = logs("head values", head);
    double[] b = logs("base values", base);
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    for (int i = 0; i < resamples; i++) {
      values[i] = Math.exp(resampledMean(h, random) - resampledMean(b, random));
    }
    return interval(Math.exp(mean(h) - mean(b)), values);
  }

  private static Interval interval(double estimate, double[] values) {
    Arrays.sort(values);
    double low = Math.min(estimate, quantile(values, 0.025));
    double high = Math.max(estimate, quantile(values, 0.975));
    return new Interval(estimate, low, high);
  }

  /** Linear interpolation between the order statistics around {@code q}. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static double resampledMean(double[] values, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[random.nextInt(values.length)];
    }
    return sum / values.length;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }

  private static double[] logs(String what, double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException(what + ": at least one value is needed");
    }
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(what + " must be finite and > 0, got " + values[i]);
      }
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }
}
