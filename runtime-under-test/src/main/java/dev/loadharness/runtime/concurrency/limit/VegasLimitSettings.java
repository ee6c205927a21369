package dev.loadharness.runtime.concurrency.limit;

/**
 * Tuning of {@link VegasConcurrencyLimit}; the defaults suit the 30 s control interval.
 *
 * @param rttSmoothing weight of the newest interval's mean service time in its moving average, (0, 1]
 * @param alphaFactor queue estimate below {@code alphaFactor * log10(limit)} lets the limit grow
 * @param betaFactor queue estimate above {@code betaFactor * log10(limit)} makes the limit shrink;
 *     between alpha and beta is the dead band
 * @param baselineIntervals how many intervals the no-load service time (a windowed minimum) spans,
 *     so a permanently slower downstream becomes the new baseline after that many intervals
 * @param cooldownIntervals intervals after a change during which the limit holds
 * @param scheduleToStartTargetMillis schedule-to-start p95 above this is demand the worker is not serving
 * @param idlePollMillis poll p95 above this with nothing waiting means there is no work to grow for
 * @param cpuGrowthCeiling no growth while process CPU is above this, 0..1
 * @param cpuHigh shrink while process CPU is above this, 0..1
 * @param heapHigh shrink while used heap fraction is above this, 0..1
 * @param backoffRatio multiplicative decrease on drops or resource pressure, [0.5, 1)
 */
public record VegasLimitSettings(
    double rttSmoothing,
    double alphaFactor,
    double betaFactor,
    int baselineIntervals,
    int cooldownIntervals,
    double scheduleToStartTargetMillis,
    double idlePollMillis,
    double cpuGrowthCeiling,
    double cpuHigh,
    double heapHigh,
    double backoffRatio) {

  public VegasLimitSettings {
    requireIn("rttSmoothing", rttSmoothing, Double.MIN_VALUE, 1);
    requireIn("alphaFactor", alphaFactor, 0, 1e6);
    requireIn("betaFactor", betaFactor, alphaFactor, 1e6);
    requireIn("baselineIntervals", baselineIntervals, 1, 100_000);
    requireIn("cooldownIntervals", cooldownIntervals, 0, 100_000);
    requireIn("scheduleToStartTargetMillis", scheduleToStartTargetMillis, 0, 1e9);
    requireIn("idlePollMillis", idlePollMillis, 0, 1e9);
    requireIn("cpuGrowthCeiling", cpuGrowthCeiling, 0, 1);
    requireIn("cpuHigh", cpuHigh, cpuGrowthCeiling, 1);
    requireIn("heapHigh", heapHigh, 0, 1);
    requireIn("backoffRatio", backoffRatio, 0.5, 0.999);
  }

  /** Netflix Vegas's alpha 3 and beta 6, a 30-interval baseline, one cooldown interval. */
  public static VegasLimitSettings defaults() {
    return new VegasLimitSettings(0.5, 3, 6, 30, 1, 200, 10_000, 0.75, 0.9, 0.85, 0.9);
  }

  /** A copy with another cooldown. */
  public VegasLimitSettings withCooldownIntervals(int intervals) {
    return new VegasLimitSettings(rttSmoothing, alphaFactor, betaFactor, baselineIntervals, intervals,
        scheduleToStartTargetMillis, idlePollMillis, cpuGrowthCeiling, cpuHigh, heapHigh, backoffRatio);
  }

  private static void requireIn(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "VegasLimitSettings." + name + " must be within " + min + ".." + max + ", got " + value);
    }
  }
}
