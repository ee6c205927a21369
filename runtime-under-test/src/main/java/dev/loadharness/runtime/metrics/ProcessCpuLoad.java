package dev.loadharness.runtime.metrics;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * This JVM's CPU use as a share of all cores, measured over windows of at least {@link #MIN_WINDOW_NANOS}.
 *
 * <p>Why not {@code OperatingSystemMXBean.getProcessCpuLoad()}: it measures since its previous call, so
 * a controller asking for three slot kinds in a row got windows of microseconds, in which the asking
 * thread alone reads as 100% of the machine (measured: "cpu 1.00 > 0.90" backing off a worker using a
 * quarter of one core). Here every caller within a window gets the same value, computed from process
 * CPU time over wall time once the window has passed; NaN (unknown) until the first window completes.
 */
final class ProcessCpuLoad {
  static final long MIN_WINDOW_NANOS = 1_000_000_000L;

  private final LongSupplier cpuNanos;
  private final LongSupplier wallNanos;
  private final int processors;
  private long windowStartWall;
  private long windowStartCpu;
  private double load = Double.NaN;

  ProcessCpuLoad(LongSupplier cpuNanos, LongSupplier wallNanos, int processors) {
    this.cpuNanos = cpuNanos;
    this.wallNanos = wallNanos;
    this.processors = Math.max(1, processors);
    this.windowStartWall = wallNanos.getAsLong();
    this.windowStartCpu = cpuNanos.getAsLong();
  }

  /** The JVM's own CPU time and the machine's processor count, or NaN forever if CPU time is unavailable. */
  static ProcessCpuLoad ofThisJvm() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return new ProcessCpuLoad(os::getProcessCpuTime, System::nanoTime, Runtime.getRuntime().availableProcessors());
    }
    return new ProcessCpuLoad(() -> -1, System::nanoTime, 1);
  }

  /** CPU load 0..1 over the latest completed window, NaN before the first. */
  synchronized double load() {
    long now = wallNanos.getAsLong();
    long elapsed = now - windowStartWall;
    if (elapsed >= MIN_WINDOW_NANOS) {
      long cpu = cpuNanos.getAsLong();
      load = cpu < 0 || windowStartCpu < 0
          ? Double.NaN
          : Math.min(1.0, Math.max(0.0, (cpu - windowStartCpu) / (double) elapsed / processors));
      windowStartWall = now;
      windowStartCpu = cpu;
    }
    return load;
  }
}
