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
 * @param workflowPolling how the workflow-task pool's pollers hold slots ({@link Polling#NONE}: not modelled)
 * @param controlIntervalSeconds the runtime's control interval: the policies step every second for the
 *     first interval and while tasks wait for slots ({@link Cadence}), else once per interval, each step seeing the
 *     completions and peak of the whole interval since the last and the schedule-to-start of its last
 *     second (the runtime's signals read the latest 1 s metrics interval); 1 steps every second throughout
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
    double switchOverhead,
    Polling workflowPolling,
    int controlIntervalSeconds) {

  /**
   * The pollers of a slot pool as SDK 1.38 runs them: each poller reserves a slot before it polls
   * ({@code BasePoller}, {@code MultiThreadedPoller}) and holds it for the poll's round trip, so of a
   * pool's limit only {@code limit - (pollers holding a slot)} can be processing tasks. A poller whose
   * slot is granted takes the oldest task of the backlog (its schedule-to-start ends there), holds the
   * slot {@code pollMillis} more while the task travels to the worker, then hands the slot to the task
   * and reserves again; with an empty backlog it waits, holding its slot (a long poll).
   *
   * @param pollers pollers of the pool, 0: slots go straight to the backlog (no poller model)
   * @param pollMillis time a poller holds its slot per task it delivers
   */
  record Polling(int pollers, double pollMillis) {
    /** No poller model: a free slot starts the oldest backlog task at once. */
    static final Polling NONE = new Polling(0, 0);

    Polling {
      if (pollers < 0 || pollMillis < 0) {
        throw new IllegalArgumentException("pollers " + pollers + " and pollMillis " + pollMillis + " must be >= 0");
      }
    }
  }

  /** A scenario without a poller model (every scenario before grid cell b50-l200). */
  MixedScenario(String name, int seconds, double steadyPerSecond, int phaseStart, int phaseEnd, double phasePerSecond,
      List<WorkflowShape> mix, double workflowTaskCpuMillis, double workflowTaskRoundTripMillis, double workerCores,
      double machineCores, double switchOverhead) {
    this(name, seconds, steadyPerSecond, phaseStart, phaseEnd, phasePerSecond, mix, workflowTaskCpuMillis,
        workflowTaskRoundTripMillis, workerCores, machineCores, switchOverhead, Polling.NONE, 1);
  }

  /**
   * Workflows/s fixed 10/14 slots sustain on {@link #gridCellB50L150()}'s worker, measured as the grid
   * measures it ({@code scripts/adaptive-grid capacity}): 20 workflows/s offered for 20 s, completed
   * workflows / time to the last completion (seed 1; {@code MixedSaturationGateTest} re-measures it).
   */
  static final double GRID_FIXED_CAPACITY = 4.23;

  /** The runtime's default control interval (ConcurrencySettings), after a 1 s ramp as long. */
  static final int CONTROL_INTERVAL_SECONDS = 30;

  /** Workflow pollers per worker in the grid (5, as {@code scripts/load} starts every setting). */
  static final int POLLERS = 5;

  /** Slot time a workflow poller spends per delivered task in the b50-l200 cell (an assumption, see the cell). */
  static final double POLL_MILLIS = 100;

  MixedScenario {
    mix = List.copyOf(mix);
    if (mix.isEmpty() || workflowTaskCpuMillis < 0 || workflowTaskRoundTripMillis < 0 || workerCores <= 0
        || machineCores < workerCores || phaseEnd < phaseStart || seconds < phaseEnd || controlIntervalSeconds < 1) {
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

  /**
   * Grid cell b50-l200, the same worker and mix as {@link #gridCellB50L150()} offered at 2x what fixed
   * 10/14 sustains from t = 10 to 70 s: the cell where, on the dev server on 2026-12-01, adaptive's
   * workflow-task schedule-to-start p95 was 3.7x fixed 10/14's (3964 against 1079 ms, 2 rounds).
   */
  static MixedScenario gridCellB50L200() {
    return new MixedScenario("mixed-grid-b50-l200", 300, 0.5 * GRID_FIXED_CAPACITY, 10, 70, 2 * GRID_FIXED_CAPACITY,
        gridMix(), 20, 30, 1.2, 2, 0.01, new Polling(POLLERS, POLL_MILLIS), CONTROL_INTERVAL_SECONDS);
  }

  /**
   * The runtime's step cadence (AdaptiveConcurrency's loop): a step after every second of the first control
   * interval and of the control interval after any second that ended with tasks waiting for a slot, else one
   * per control interval.
   */
  final class Cadence {
    private int fastUntil = controlIntervalSeconds;
    private int lastStep;

    /** True when the policies step after {@code second} (1-based); {@code slotsShort}: tasks wait for a slot. */
    boolean stepAfter(int second, boolean slotsShort) {
      if (slotsShort) {
        fastUntil = Math.max(fastUntil, second + controlIntervalSeconds);
      }
      if (second <= fastUntil || second - lastStep >= controlIntervalSeconds) {
        lastStep = second;
        return true;
      }
      return false;
    }
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
