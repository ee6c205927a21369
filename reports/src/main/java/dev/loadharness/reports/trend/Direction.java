package dev.loadharness.reports.trend;

/** Which way a metric gets better; a regression is a move in the other direction. */
public enum Direction {
  /** Bigger is better (throughput, hit ratio, ops/s). */
  HIGHER_IS_BETTER,
  /** Smaller is better (latency, CPU, failures, time per op). */
  LOWER_IS_BETTER;

  /** The signed change in the bad direction: positive when {@code current} is worse than {@code baseline}. */
  public double worsening(double baseline, double current) {
    return this == LOWER_IS_BETTER ? current - baseline : baseline - current;
  }
}
