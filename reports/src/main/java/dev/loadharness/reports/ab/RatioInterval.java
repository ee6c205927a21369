package dev.loadharness.reports.ab;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A 95% interval for the ratio head/base: the wider of a percentile bootstrap and the Student-t interval,
 * both in log space.
 *
 * <p>Why log space: a ratio of 2 and a ratio of 0.5 are equally large moves, so ratios are averaged as logs;
 * the estimate is the geometric mean {@code exp(mean(log r))}. Paired (head and base ran in the same round,
 * back to back): the rounds' ratios are resampled with replacement {@link #RESAMPLES} times and the 2.5th and
 * 97.5th percentiles of the resamples' geometric means bound the bootstrap interval. Unpaired (the baseline
 * came from earlier runs): head's and base's values are resampled independently, each resample giving the
 * ratio of their geometric means.
 *
 * <p>Why not the bootstrap alone: it cannot reach beyond the observed values, so with the 2-5 rounds an A/B
 * run can afford, its "95%" interval is about the range of the observed ratios, which holds the true ratio
 * only 50% (2 rounds) to 94% (5 rounds) of the time; measured here, two rounds of identical code on a busy
 * machine gave ratios 0.729 and 0.730 and a bootstrap interval of 0.729-0.730, a false "regressed". The
 * Student-t interval of the mean log ratio (Welch's for unpaired values) has its stated coverage at any
 * sample size when log ratios are roughly normal, and the two agree once there are many rounds; taking the
 * wider keeps the bootstrap's robustness to skew with many rounds and the t interval's honesty with few.
 * The bootstrap's random source is seeded ({@link #SEED}): one set of samples always gives one interval.
 */
public final class RatioInterval {
  /** Bootstrap resamples: enough that the 2.5/97.5 percentiles move less than 0.1% between seeds. */
  public static final int RESAMPLES = 10_000;
  /** The seed of every bootstrap, so a comparison is reproducible from its samples. */
  public static final long SEED = 20_261_124L;
  private static final double LEVEL = 0.95;

  private RatioInterval() {}

  /**
   * An estimate with its interval.
   *
   * @param estimate the geometric-mean ratio of the samples
   * @param low lower bound of the 95% interval
   * @param high upper bound of the 95% interval
   */
  public record Interval(double estimate, double low, double high) {
    public Interval {
      if (!(low <= estimate && estimate <= high)) {
        throw new IllegalArgumentException("interval must hold its estimate: " + low + " <= " + estimate
            + " <= " + high);
      }
    }

    /** The smallest interval holding both. */
    Interval union(Interval other) {
      return new Interval(estimate, Math.min(low, other.low), Math.max(high, other.high));
    }
  }

  /** The interval of paired per-round ratios (each > 0, at least one). */
  public static Interval paired(double[] ratios, int resamples, long seed) {
    return pairedBootstrap(ratios, resamples, seed).union(pairedT(ratios));
  }

  /** The interval of head/base from unpaired values (each > 0, at least one of each). */
  public static Interval unpaired(double[] head, double[] base, int resamples, long seed) {
    return unpairedBootstrap(head, base, resamples, seed).union(welch(head, base));
  }

  /** The percentile bootstrap of the geometric mean of {@code ratios}. */
  static Interval pairedBootstrap(double[] ratios, int resamples, long seed) {
    double[] logs = logs("ratios", ratios);
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      values[b] = resampledMean(logs, random);
    }
    return percentiles(mean(logs), values);
  }

  /** The percentile bootstrap of the ratio of geometric means, each side resampled on its own. */
  static Interval unpairedBootstrap(double[] head, double[] base, int resamples, long seed) {
    double[] h = logs("head values", head);
    double[] b = logs("base values", base);
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    for (int i = 0; i < resamples; i++) {
      values[i] = resampledMean(h, random) - resampledMean(b, random);
    }
    return percentiles(mean(h) - mean(b), values);
  }

  /** Student's t interval of the mean log ratio; the point itself for a single ratio (no spread to scale). */
  static Interval pairedT(double[] ratios) {
    double[] logs = logs("ratios", ratios);
    double mean = mean(logs);
    if (logs.length < 2) {
      return point(mean);
    }
    double se = Math.sqrt(variance(logs, mean) / logs.length);
    return around(mean, se, logs.length - 1);
  }

  /** Welch's t interval of the difference of mean logs (Welch-Satterthwaite degrees of freedom). */
  static Interval welch(double[] head, double[] base) {
    double[] h = logs("head values", head);
    double[] b = logs("base values", base);
    double mean = mean(h) - mean(b);
    if (h.length < 2 || b.length < 2) {
      return point(mean);
    }
    double vh = variance(h, mean(h)) / h.length;
    double vb = variance(b, mean(b)) / b.length;
    double se = Math.sqrt(vh + vb);
    if (se == 0) {
      return point(mean);
    }
    double df = (vh + vb) * (vh + vb) / (vh * vh / (h.length - 1) + vb * vb / (b.length - 1));
    return around(mean, se, df);
  }

  private static Interval around(double meanLog, double se, double df) {
    if (se == 0) {
      return point(meanLog);
    }
    double t = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    return new Interval(Math.exp(meanLog), Math.exp(meanLog - t * se), Math.exp(meanLog + t * se));
  }

  private static Interval point(double meanLog) {
    double v = Math.exp(meanLog);
    return new Interval(v, v, v);
  }

  private static Interval percentiles(double meanLog, double[] logValues) {
    Arrays.sort(logValues);
    double low = Math.min(meanLog, quantile(logValues, (1 - LEVEL) / 2));
    double high = Math.max(meanLog, quantile(logValues, 1 - (1 - LEVEL) / 2));
    return new Interval(Math.exp(meanLog), Math.exp(low), Math.exp(high));
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

  private static double variance(double[] values, double mean) {
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / (values.length - 1);
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
