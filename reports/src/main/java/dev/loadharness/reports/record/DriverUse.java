package dev.loadharness.reports.record;

/**
 * What driving the load cost the driver JVM during the injection phase.
 *
 * @param cpuMs process CPU time, ms
 * @param wallMs wall time of the injection phase, ms
 * @param cpus processors available to the driver JVM
 * @param includesServer whether the server ran inside the driver JVM (the in-memory kind), so its CPU is in
 *     {@code cpuMs}
 */
public record DriverUse(double cpuMs, double wallMs, int cpus, boolean includesServer) {

  /** Validates that no value is negative. */
  public DriverUse {
    if (cpuMs < 0 || wallMs < 0 || cpus < 0) {
      throw new IllegalArgumentException("driver values must be >= 0, were " + cpuMs + ", " + wallMs + ", " + cpus);
    }
  }

  /** CPU used as a share of one core over the injection phase, percent. */
  public double percentOfOneCore() {
    return wallMs <= 0 ? 0 : 100.0 * cpuMs / wallMs;
  }
}
