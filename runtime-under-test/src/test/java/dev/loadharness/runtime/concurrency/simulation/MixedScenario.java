package dev.loadharness.runtime.concurrency.simulation;

/**
 * A mixed workload on one worker: workflows of two types in one task queue, each running
 * workflow task, activity, workflow task, activity, workflow task. A blocking workflow's activities
 * hold their slot and thread for {@code blockingMillis} without CPU (a JDBC or blocking HTTP call)
 * plus {@code smallCpuMillis} of CPU; a CPU workflow's activities need {@code cpuActivityMillis} of
 * CPU. Every workflow task needs {@code smallCpuMillis} of CPU. Arrivals are Poisson at
 * {@code steadyPerSecond}, and at {@code phasePerSecond} during [phaseStart, phaseEnd) (the overload step).
 *
 * <p>CPU is processor-shared: the worker gets {@code workerCores} cores (the rest of the machine runs
 * the server and the driver), each running CPU phase progresses at {@code min(1, workerCores / N)} of
 * real time, slowed further by {@code switchOverhead * max(0, N - workerCores)} (context switches,
 * cache misses and GC grow with runnable threads: the retrograde region). The process CPU load the
 * controller reads is CPU used / {@code machineCores}, as the JVM reports it.
 *
 * @param name the scenario's name in reports
 * @param seconds simulated length
 * @param steadyPerSecond workflow starts per second outside the phase
 * @param phaseStart first second of the overload phase
 * @param phaseEnd second the phase ends (exclusive)
 * @param phasePerSecond workflow starts per second during the phase
 * @param blockingShare fraction of workflows of the blocking type, 0..1
 * @param blockingMillis how long a blocking activity holds its slot without CPU
 * @param cpuActivityMillis CPU time of one CPU-bound activity
 * @param smallCpuMillis CPU time of a workflow task and of a blocking activity's own work
 * @param workerCores cores the worker can use
 * @param machineCores cores of the machine (the denominator of the process CPU load)
 * @param switchOverhead relative slowdown per runnable CPU phase beyond the worker's cores
 */
record MixedScenario(
    String name,
    int seconds,
    double steadyPerSecond,
    int phaseStart,
    int phaseEnd,
    double phasePerSecond,
    double blockingShare,
    double blockingMillis,
    double cpuActivityMillis,
    double smallCpuMillis,
    double workerCores,
    double machineCores,
    double switchOverhead) {

  MixedScenario {
    if (blockingShare < 0 || blockingShare > 1 || workerCores <= 0 || machineCores < workerCores
        || phaseEnd < phaseStart || seconds < phaseEnd) {
      throw new IllegalArgumentException("bad mixed scenario " + name);
    }
  }

  /**
   * The loss of issue 18 in miniature: half the workflows block for 2 s per activity, half burn 120 ms
   * of CPU per activity; 3 workflows/s, then 9/s for 60 s (about 1.5x what the fixed 10/14 slots
   * sustain), then 3/s. The worker shares a 2-core machine and gets about one core of it, so its
   * process CPU reads at most about 0.6 while its CPU-bound activities queue for that core.
   */
  static MixedScenario sharedMachine() {
    return new MixedScenario("mixed-overload-shared", 300, 3, 60, 120, 9, 0.5, 2000, 120, 5, 1.2, 2, 0.01);
  }

  /** The same workload on a worker that has both cores to itself, so process CPU reaches 1.0. */
  static MixedScenario dedicatedMachine() {
    return new MixedScenario("mixed-overload-dedicated", 300, 4, 60, 120, 14, 0.5, 2000, 120, 5, 2, 2, 0.01);
  }

  boolean inPhase(double second) {
    return second >= phaseStart && second < phaseEnd;
  }

  double arrivalsPerSecond(double second) {
    return inPhase(second) ? phasePerSecond : steadyPerSecond;
  }
}
