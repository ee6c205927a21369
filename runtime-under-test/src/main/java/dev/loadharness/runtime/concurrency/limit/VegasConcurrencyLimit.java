package dev.loadharness.runtime.concurrency.limit;

import dev.loadharness.runtime.concurrency.SlotLimits;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A delay-based concurrency limit for one kind of Temporal task slot, after TCP Vegas as adapted by
 * Netflix concurrency-limits ({@code com.netflix.concurrency.limits.limit.VegasLimit}).
 *
 * <p><b>Why Vegas.</b> A worker's useful concurrency ends where extra slots stop adding throughput
 * and only add waiting inside the process or the downstream: CPU run queues, connection pools, the
 * service an activity calls. Vegas sees that point from service time alone. With {@code rtt0} the
 * no-load service time and {@code rtt} the current one, {@code queue = limit * (1 - rtt0 / rtt)}
 * estimates how many of the in-flight tasks are waiting rather than working (Brakmo and Peterson,
 * "TCP Vegas: End to End Congestion Avoidance on a Global Internet", IEEE JSAC 13(8), 1995). The
 * limit grows while that queue is below {@code alpha}, shrinks above {@code beta}, and holds in
 * between; alpha and beta scale with {@code log10(limit)} as in Netflix's implementation.
 *
 * <p><b>Temporal specifics.</b> Service time is measured from {@code markSlotUsed} to a TaskComplete
 * release, never from reservation (a reserved slot may sit behind a 60 s long poll). Growth also
 * needs demand, since a pull-based worker with idle slots gains nothing from more: reservations
 * queued in our supplier (all slots busy) or a schedule-to-start p95 above target, and not idle
 * polls. Error releases are drops and, like CPU or heap above their ceilings, back off
 * multiplicatively.
 *
 * <p><b>Mixed task types.</b> Vegas assumes one kind of request. A worker's tasks are not: a
 * 5 ms activity and a 2 s blocking one share the activity slots, and a shift in the mix toward the
 * slow type would read as queueing and shrink the limit just when demand rose. So every task type
 * (workflow type, activity type) keeps its own smoothed service time and windowed-minimum baseline,
 * and the queue estimate uses their completion-weighted ratio,
 * {@code queue = limit * (1 - sum(n_t * rtt0_t / rtt_t) / sum(n_t))}; with one type this is Vegas.
 *
 * <p><b>Anti-oscillation</b>, the guards Netflix's limits build in: the service time is an
 * exponential moving average; the baseline is a windowed minimum, re-learned after
 * {@code baselineIntervals} so a permanently slower downstream stops reading as congestion; the
 * alpha..beta dead band and a CPU band between growth ceiling and shrink threshold give hysteresis;
 * a cooldown holds the limit for some intervals after each change; no growth while under-used
 * ({@code peakInUse < limit / 2}); no step more than halves the limit; min/max clamp every result.
 *
 * <p>Not thread-safe: one control loop owns an instance.
 */
public final class VegasConcurrencyLimit {

  private final SlotLimits bounds;
  private final VegasLimitSettings settings;
  private final Map<String, TypeServiceTime> types = new HashMap<>();
  private double baselineRatio = Double.NaN;
  private double smoothedRtt = Double.NaN;
  private double baselineRtt = Double.NaN;
  private int intervalsSinceChange = Integer.MAX_VALUE / 2;

  /** Creates a limit that moves within {@code bounds}. */
  public VegasConcurrencyLimit(SlotLimits bounds, VegasLimitSettings settings) {
    this.bounds = bounds;
    this.settings = settings;
  }

  /** Feeds one interval and returns the limit to apply with the reason for it. */
  public LimitDecision update(Observation o) {
    intervalsSinceChange++;
    observeServiceTime(o);
    int current = clamp(o.limit());
    LimitDecision proposal = propose(o, current);
    int target = Math.max(clamp(proposal.limit()), halfOf(current));
    target = clamp(target);
    if (target == current) {
      return new LimitDecision(current, Direction.HOLD, proposal.reason());
    }
    if (intervalsSinceChange <= settings.cooldownIntervals()) {
      return new LimitDecision(current, Direction.HOLD,
          "cooldown " + intervalsSinceChange + "/" + settings.cooldownIntervals() + " would " + proposal.reason());
    }
    intervalsSinceChange = 0;
    return new LimitDecision(target, target > current ? Direction.UP : Direction.DOWN, proposal.reason());
  }

  /** The completion-weighted no-load service time in milliseconds, NaN before the first sample. */
  public double baselineServiceMillis() {
    return baselineRtt;
  }

  private void observeServiceTime(Observation o) {
    double weightedRatio = 0;
    double weightedRtt = 0;
    double weightedBaseline = 0;
    long n = 0;
    for (Map.Entry<String, ServiceTime> e : o.serviceByType().entrySet()) {
      ServiceTime sample = e.getValue();
      TypeServiceTime type = types.computeIfAbsent(e.getKey(), k -> new TypeServiceTime());
      type.observe(sample.meanMillis(), settings.rttSmoothing(), settings.baselineIntervals());
      // A type served in 0 ms cannot be queueing: it counts as at its baseline.
      weightedRatio += sample.completed() * (type.smoothed > 0 ? type.baseline() / type.smoothed : 1);
      weightedRtt += sample.completed() * type.smoothed;
      weightedBaseline += sample.completed() * type.baseline();
      n += sample.completed();
    }
    if (n > 0) {
      baselineRatio = weightedRatio / n;
      smoothedRtt = weightedRtt / n;
      baselineRtt = weightedBaseline / n;
    }
  }

  /** One task type's moving-average service time and the windowed minimum of it (its baseline). */
  private static final class TypeServiceTime {
    final ArrayDeque<Double> history = new ArrayDeque<>();
    double smoothed = Double.NaN;

    void observe(double meanMillis, double smoothing, int window) {
      smoothed = Double.isNaN(smoothed) ? meanMillis : smoothed * (1 - smoothing) + meanMillis * smoothing;
      history.addLast(smoothed);
      while (history.size() > window) {
        history.removeFirst();
      }
    }

    double baseline() {
      return history.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
  }

  private LimitDecision propose(Observation o, int limit) {
    if (o.heapUsedFraction() > settings.heapHigh()) {
      return backOff(limit, "heap " + fmt(o.heapUsedFraction()) + " > " + fmt(settings.heapHigh()));
    }
    if (o.processCpuLoad() > settings.cpuHigh()) {
      return backOff(limit, "cpu " + fmt(o.processCpuLoad()) + " > " + fmt(settings.cpuHigh()));
    }
    if (o.drops() > 0) {
      return backOff(limit, o.drops() + " error releases");
    }
    if (Double.isNaN(smoothedRtt)) {
      return hold(limit, "no completed task yet");
    }
    double log = Math.max(1, Math.log10(limit));
    double alpha = settings.alphaFactor() * log;
    double beta = settings.betaFactor() * log;
    double queue = limit * (1 - baselineRatio);
    String vegas = "queue " + fmt(queue) + " (service " + fmt(smoothedRtt) + " ms, baseline "
        + fmt(baselineServiceMillis()) + " ms)";
    if (queue > beta) {
      return new LimitDecision(Math.max(1, limit - (int) Math.max(1, Math.round(log))), Direction.DOWN,
          "down: " + vegas + " > beta " + fmt(beta));
    }
    if (queue >= alpha) {
      return hold(limit, vegas + " within dead band " + fmt(alpha) + ".." + fmt(beta));
    }
    if (2 * o.peakInUse() < limit) {
      return hold(limit, "under-used: peak in use " + o.peakInUse() + " < limit/2");
    }
    if (o.processCpuLoad() > settings.cpuGrowthCeiling()) {
      return hold(limit, "cpu " + fmt(o.processCpuLoad()) + " above growth ceiling " + fmt(settings.cpuGrowthCeiling()));
    }
    String demand = demand(o);
    if (demand == null) {
      return hold(limit, "no unmet demand: nothing waiting, schedule-to-start p95 " + fmt(o.scheduleToStartP95Millis()) + " ms");
    }
    int step = queue <= log ? (int) Math.round(beta) : (int) Math.max(1, Math.round(log));
    return new LimitDecision(limit + step, Direction.UP, "up: " + vegas + " < alpha " + fmt(alpha) + ", " + demand);
  }

  private String demand(Observation o) {
    if (o.waiting() > 0) {
      return o.waiting() + " reservations waiting";
    }
    boolean idlePolls = o.pollLatencyP95Millis() > settings.idlePollMillis();
    if (!idlePolls && o.scheduleToStartP95Millis() > settings.scheduleToStartTargetMillis()) {
      return "schedule-to-start p95 " + fmt(o.scheduleToStartP95Millis()) + " ms > "
          + fmt(settings.scheduleToStartTargetMillis()) + " ms";
    }
    return null;
  }

  private LimitDecision backOff(int limit, String why) {
    int next = (int) Math.floor(limit * settings.backoffRatio());
    return new LimitDecision(Math.max(1, Math.min(next, limit - 1)), Direction.DOWN, "down: " + why);
  }

  private static LimitDecision hold(int limit, String why) {
    return new LimitDecision(limit, Direction.HOLD, "hold: " + why);
  }

  private int clamp(int limit) {
    return Math.max(bounds.min(), Math.min(bounds.max(), limit));
  }

  private static int halfOf(int limit) {
    return (limit + 1) / 2;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
