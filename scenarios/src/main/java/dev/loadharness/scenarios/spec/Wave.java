package dev.loadharness.scenarios.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A triangle wave between {@code low} and {@code high}: at {@code low} when the injection begins, at
 * {@code high} half a period later, back at {@code low} after a whole period. The ebb-and-flow model waves its
 * arrival rate this way, the backlog model its in-flight target. A triangle rather than omes's sine, because
 * each half period is then one linear Gatling ramp ({@code rampUsersPerSec}, {@code rampConcurrentUsers}) and
 * Gatling itself paces the arrivals and keeps the concurrency, with no scheduler of ours.
 *
 * @param low the value at the start of each period (workflows/s, or workflows in flight)
 * @param high the value in the middle of each period
 * @param period how long one low-high-low cycle lasts
 */
public record Wave(double low, double high, Duration period) {

  /** Validates {@code 0 <= low < high} and a period of at least {@link #MIN_PERIOD}. */
  public Wave {
    if (!(low >= 0) || !(high > low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException("a wave needs 0 <= low < high, got low " + low + ", high " + high);
    }
    if (!allowedPeriod(period)) {
      throw new IllegalArgumentException("a wave's period must be a whole even number of seconds, at least "
          + MIN_PERIOD.toSeconds() + " s, got " + period);
    }
  }

  /** The shortest period: each half is one ramp of at least a second. */
  public static final Duration MIN_PERIOD = Duration.ofSeconds(2);

  /**
   * Whether {@code period} halves into whole seconds: Gatling's ramps count and pace in whole seconds (a ramp's
   * users are its area over {@code duration.toSeconds()}), so a half second would be dropped silently.
   */
  public static boolean allowedPeriod(Duration period) {
    return period != null && period.compareTo(MIN_PERIOD) >= 0 && period.toMillis() % 2000 == 0;
  }

  /** The wave's value {@code seconds} after the injection began; {@code low} before it and after {@code end}. */
  public double at(double seconds, Duration end) {
    if (seconds <= 0 || seconds >= end.toMillis() / 1000.0) {
      return low;
    }
    double periodS = period.toMillis() / 1000.0;
    double phase = (seconds % periodS) / periodS; // 0..1 within the period
    double rising = phase < 0.5 ? phase * 2 : (1 - phase) * 2; // 0 at the ends, 1 in the middle
    return low + (high - low) * rising;
  }

  /**
   * The half-period ramps that make up {@code duration}, alternately up and down; {@code duration} must be a
   * whole number of periods (the validator says so first).
   */
  public List<Ramp> ramps(Duration duration) {
    if (!fits(duration)) {
      throw new IllegalArgumentException("duration " + duration + " is not a whole number of periods of " + period);
    }
    Duration half = period.dividedBy(2);
    List<Ramp> ramps = new ArrayList<>();
    for (long i = 0; i < duration.toMillis() / half.toMillis(); i++) {
      ramps.add(i % 2 == 0 ? new Ramp(low, high, half) : new Ramp(high, low, half));
    }
    return ramps;
  }

  /** Whether {@code duration} is a positive whole number of periods. */
  public boolean fits(Duration duration) {
    return duration != null && !duration.isZero() && !duration.isNegative()
        && duration.toMillis() % period.toMillis() == 0;
  }

  /**
   * The arrivals a rate wave offers over {@code duration}: each ramp's area, truncated to whole workflows as
   * Gatling counts a ramp's users, summed.
   */
  public long arrivals(Duration duration) {
    return ramps(duration).stream().mapToLong(Ramp::arrivals).sum();
  }

  /** This wave with both ends divided by {@code parts} (one segment's share of a distributed run). */
  public Wave share(int parts) {
    return new Wave(low / parts, high / parts, period);
  }

  /**
   * One linear half of a period.
   *
   * @param from the value at the ramp's start
   * @param to the value at its end
   * @param during how long it lasts
   */
  public record Ramp(double from, double to, Duration during) {
    /**
     * The arrivals a rate ramp offers: its area truncated to whole workflows, computed as Gatling 3.15's
     * {@code RampRateOpenInjection} does (in this order, so the floating-point result is the same).
     */
    public long arrivals() {
      return (long) ((from + (to - from) / 2.0) * during.toSeconds());
    }
  }
}
