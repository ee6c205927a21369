package dev.loadharness.runtime.concurrency.simulation;

/**
 * A synthetic workload: a steady arrival rate, an optional phase with another rate and service-time
 * factor (an overload step or a slow downstream), and the worker model.
 *
 * @param name the scenario's name in reports
 * @param seconds simulated length
 * @param steadyPerSecond arrivals per second outside the phase
 * @param phaseStart second the phase begins (inclusive)
 * @param phaseEnd second the phase ends (exclusive); equal to phaseStart for none
 * @param phasePerSecond arrivals per second during the phase
 * @param phaseServiceFactor service-time multiplier during the phase (a slow downstream is > 1)
 * @param model how the worker slows down with concurrency
 */
record Scenario(
    String name,
    int seconds,
    double steadyPerSecond,
    int phaseStart,
    int phaseEnd,
    double phasePerSecond,
    double phaseServiceFactor,
    ScalabilityModel model) {

  /** The worker all scenarios share: 100 ms tasks, USL peak about 168 tasks/s at 49 in flight. */
  static final ScalabilityModel WORKER = new ScalabilityModel(100, 0.02, 0.0004);

  /** Steady load at 40% of peak capacity for ten minutes. */
  static Scenario steady() {
    double peak = WORKER.peakThroughput(1);
    return new Scenario("steady", 600, 0.4 * peak, 0, 0, 0, 1, WORKER);
  }

  /** 40% of capacity, then 130% for 30 s (an overload step), then 40% again. */
  static Scenario overload() {
    double peak = WORKER.peakThroughput(1);
    return new Scenario("overload-step", 300, 0.4 * peak, 60, 90, 1.3 * peak, 1, WORKER);
  }

  /** 40% of capacity while the downstream is 3x slower for a minute. */
  static Scenario slowDownstream() {
    double peak = WORKER.peakThroughput(1);
    return new Scenario("slow-downstream", 300, 0.4 * peak, 60, 120, 0.4 * peak, 3, WORKER);
  }

  boolean inPhase(double second) {
    return second >= phaseStart && second < phaseEnd;
  }

  double arrivalsPerSecond(double second) {
    return inPhase(second) ? phasePerSecond : steadyPerSecond;
  }

  double serviceFactor(double second) {
    return inPhase(second) ? phaseServiceFactor : 1;
  }
}
