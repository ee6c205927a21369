package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.limit.Observation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, discrete-time model of one Temporal worker pulling tasks from a server backlog.
 *
 * <p>Each 10 ms tick: Poisson arrivals join the server's FIFO backlog; while fewer than {@code limit}
 * tasks are in flight, the worker starts the oldest (its wait is the schedule-to-start latency);
 * every in-flight task progresses by {@code tick / slowdown(N)} of its work, so throughput follows
 * the {@link ScalabilityModel}. Every simulated second the policy sees the same {@link Observation}
 * the runtime builds from its slot suppliers: peak in use, reservations waiting (the pollers, when
 * all slots are busy), completed tasks and their mean service time, schedule-to-start p95. CPU and
 * heap are not modelled and read as unknown. All randomness comes from one seeded {@link Random}.
 */
final class Simulator {

  static final int TICKS_PER_SECOND = 100;
  static final int POLLERS = 5;
  private static final double TICK_MILLIS = 1000.0 / TICKS_PER_SECOND;

  private final Random random;

  Simulator(long seed) {
    this.random = new Random(seed);
  }

  /** Runs {@code policy} through {@code scenario} and returns one entry per simulated second. */
  SimulationResult run(Scenario scenario, ConcurrencyPolicy policy) {
    ArrayDeque<Long> backlog = new ArrayDeque<>();
    List<double[]> inFlight = new ArrayList<>(); // {remaining work ms, start tick}
    List<IntervalStats> intervals = new ArrayList<>();
    int limit = policy.initialLimit();
    long tick = 0;
    for (int second = 0; second < scenario.seconds(); second++) {
      int completed = 0;
      double serviceSum = 0;
      int peak = inFlight.size();
      List<Double> waits = new ArrayList<>();
      for (int t = 0; t < TICKS_PER_SECOND; t++, tick++) {
        double now = tick / (double) TICKS_PER_SECOND;
        int arrivals = poisson(scenario.arrivalsPerSecond(now) / TICKS_PER_SECOND);
        for (int a = 0; a < arrivals; a++) {
          backlog.addLast(tick);
        }
        while (inFlight.size() < limit && !backlog.isEmpty()) {
          waits.add((tick - backlog.removeFirst()) * TICK_MILLIS);
          double work = scenario.model().baseServiceMillis() * scenario.serviceFactor(now) * (0.5 + random.nextDouble());
          inFlight.add(new double[] {work, tick});
        }
        peak = Math.max(peak, inFlight.size());
        double progress = TICK_MILLIS / scenario.model().slowdown(inFlight.size());
        for (int i = inFlight.size() - 1; i >= 0; i--) {
          double[] task = inFlight.get(i);
          task[0] -= progress;
          if (task[0] <= 0) {
            completed++;
            serviceSum += (tick + 1 - task[1]) * TICK_MILLIS;
            inFlight.set(i, inFlight.get(inFlight.size() - 1));
            inFlight.remove(inFlight.size() - 1);
          }
        }
      }
      double stsP95 = p95(waits);
      intervals.add(new IntervalStats(second + 1, limit, completed, stsP95, backlog.size()));
      int waiting = inFlight.size() >= limit ? POLLERS : 0;
      Observation o = new Observation(limit, peak, waiting, completed,
          completed == 0 ? Double.NaN : serviceSum / completed, 0, stsP95, Double.NaN, Double.NaN, Double.NaN);
      limit = policy.next(o);
    }
    return new SimulationResult(scenario, policy.name(), intervals);
  }

  private int poisson(double mean) {
    // Knuth's method: exact and fast for the small per-tick means used here.
    double l = Math.exp(-mean);
    int k = 0;
    double p = random.nextDouble();
    while (p > l) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }

  private static double p95(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
  }
}
