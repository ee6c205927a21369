package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.simulation.WorkflowShape.Activity;
import java.util.List;

/**
 * A mixed workload on one worker: workflows of several {@link WorkflowShape}s in one task queue, each
 * running a workflow task, an activity, a workflow task, ... and a last workflow task. A workflow task
 * needs {@code workflowTaskCpuMillis} of CPU and then holds its slot {@code workflowTaskRoundTripMillis}
 * without CPU: SDK 1.38 releases a workflow slot only after RespondWorkflowTaskCompleted has returned
 * ({@code WorkflowWorker.TaskHandlerImpl.handle}), so the server's round trip is part of the slot's
 * service time. Arrivals are Poisson at {@code steadyPerSecond}, and at {@code phasePerSecond} during
 * [phaseStart, phaseEnd) (the overload step).
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
 * @param mix the workflow types and their shares of the starts
 * @param workflowTaskCpuMillis CPU time of one workflow task
 * @param workflowTaskRoundTripMillis time a workflow task holds its slot after its CPU, waiting on the server
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
    List<WorkflowShape> mix,
    double workflowTaskCpuMillis,
    double workflowTaskRoundTripMillis,
    double workerCores,
    double machineCores,
    double switchOverhead) {

  /**
   * Workflows/s fixed 10/14 slots sustain on {@link #gridCellB50L150()}'s worker, measured as the grid
   * measures it ({@code scripts/adaptive-grid capacity}): 20 workflows/s offered for 20 s, completed
   * workflows / time to the last completion (seed 1; {@code MixedSaturationGateTest} re-measures it).
   */
  static final double GRID_FIXED_CAPACITY = 4.23;

  MixedScenario {
    mix = List.copyOf(mix);
    if (mix.isEmpty() || workflowTaskCpuMillis < 0 || workflowTaskRoundTripMillis < 0 || workerCores <= 0
        || machineCores < workerCores || phaseEnd < phaseStart || seconds < phaseEnd) {
      throw new IllegalArgumentException("bad mixed scenario " + name);
    }
  }

  /** Half blocking, half CPU-bound: the two workflow types of the first mixed scenarios. */
  private static List<WorkflowShape> blockingAndCpu() {
    Activity blocking = new Activity("BlockingIo", 5, 2000, 0);
    Activity cpu = Activity.cpu("Cpu", 120);
    return List.of(new WorkflowShape("BlockingWorkflow", 1, List.of(blocking, blocking)),
        new WorkflowShape("CpuWorkflow", 1, List.of(cpu, cpu)));
  }

  /**
   * The loss of issue 18 in miniature: half the workflows block for 2 s per activity, half burn 120 ms
   * of CPU per activity; 3 workflows/s, then 9/s for 60 s (about 1.5x what the fixed 10/14 slots
   * sustain), then 3/s. The worker shares a 2-core machine and gets about one core of it, so its
   * process CPU reads at most about 0.6 while its CPU-bound activities queue for that core.
   */
  static MixedScenario sharedMachine() {
    return new MixedScenario("mixed-overload-shared", 300, 3, 60, 120, 9, blockingAndCpu(), 5, 0, 1.2, 2, 0.01);
  }

  /** The same workload on a worker that has both cores to itself, so process CPU reaches 1.0. */
  static MixedScenario dedicatedMachine() {
    return new MixedScenario("mixed-overload-dedicated", 300, 4, 60, 120, 14, blockingAndCpu(), 5, 0, 2, 2, 0.01);
  }

  /**
   * The mix of the adaptive grid's cells (docs/adaptive-grid.md), as the catalog runs it: half
   * {@code blocking-io} workflows (per step a 5 ms CPU activity, then a 2 s blocking one; two steps), a
   * quarter {@code cpu} (two 120 ms CPU activities) and a quarter {@code dag} (nine activities in
   * sequence here: five of 15 ms CPU and four asynchronous 200 ms IO calls that give the slot back at
   * once), so a DAG workflow runs ten workflow tasks.
   */
  static List<WorkflowShape> gridMix() {
    Activity small = Activity.cpu("Cpu", 5);
    Activity block = new Activity("BlockingIo", 0, 2000, 0);
    Activity cpu = Activity.cpu("Cpu", 120);
    Activity node = Activity.cpu("Cpu", 15);
    Activity io = new Activity("Io", 1, 0, 200);
    return List.of(new WorkflowShape("BlockingIoWorkflow", 2, List.of(small, block, small, block)),
        new WorkflowShape("CpuWorkflow", 1, List.of(cpu, cpu)),
        new WorkflowShape("DagWorkflow", 1, List.of(node, io, node, node, io, io, node, io, node)));
  }

  /**
   * The grid cell adaptive lost worst, b50-l150 (throughput 0.55x of fixed 10/14, workflow-task
   * schedule-to-start p95 21.9 s against 2.2 s), on one worker: the {@link #gridMix()} at 2.1 workflows/s
   * (0.5x of what fixed 10/14 sustains here, {@link #GRID_FIXED_CAPACITY}), 6.35/s (1.5x) from t = 10 to
   * 70 s, then 2.1/s while the backlog drains. Workflow tasks are not free as in the scenarios above: each
   * takes 20 ms of CPU on the cores the worker shares with the server (workflow code, the SDK's and the
   * server's handling of the task) and 30 ms of round trip, so CPU-bound activities and workflow tasks
   * compete for the 1.2 cores the worker gets of the 2.
   */
  static MixedScenario gridCellB50L150() {
    return new MixedScenario("mixed-grid-b50-l150", 300, 0.5 * GRID_FIXED_CAPACITY, 10, 70, 1.5 * GRID_FIXED_CAPACITY,
        gridMix(), 20, 30, 1.2, 2, 0.01);
  }

  boolean inPhase(double second) {
    return second >= phaseStart && second < phaseEnd;
  }

  double arrivalsPerSecond(double second) {
    return inPhase(second) ? phasePerSecond : steadyPerSecond;
  }

  /** Picks the workflow shape whose cumulative share of the mix covers {@code u} in [0, 1). */
  WorkflowShape shapeAt(double u) {
    double total = mix.stream().mapToDouble(WorkflowShape::weight).sum();
    double cumulative = 0;
    for (WorkflowShape shape : mix) {
      cumulative += shape.weight() / total;
      if (u < cumulative) {
        return shape;
      }
    }
    return mix.get(mix.size() - 1);
  }
}
