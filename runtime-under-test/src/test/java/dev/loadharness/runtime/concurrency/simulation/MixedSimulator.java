package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.limit.Observation;
import dev.loadharness.runtime.concurrency.limit.ServiceTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A deterministic, discrete-time model of one worker serving a {@link MixedScenario}: a workflow-task
 * slot pool and an activity slot pool, each with its own policy, pulling from two FIFO server backlogs
 * and sharing the worker's CPU.
 *
 * <p>Each 10 ms tick: Poisson workflow starts queue their first workflow task; each pool starts the
 * oldest task of its backlog while fewer than its limit are in flight (the wait is schedule-to-start);
 * running CPU phases share the worker's cores (see {@link MixedScenario}), blocking phases just wait;
 * a finished task queues the workflow's next task (after an asynchronous activity, once its result is
 * due). Every simulated second each policy sees the
 * {@link Observation} the runtime builds: peak in use, reservations waiting (the pollers, when all
 * slots are busy), completions per task type with mean service time and, for activities, mean CPU
 * time (the runtime measures it on the activity's thread; workflow tasks' is unknown), the pool's
 * schedule-to-start p95, the process CPU load and, for the activity pool, whether the workflow pool's
 * controller reported starving in the same step (as {@code AdaptiveConcurrency} wires it). Two seeded
 * {@link Random}s, one for arrivals and workflow types and one for task sizes, so every policy sees the
 * same arrivals; no wall clock.
 */
final class MixedSimulator {

  static final int TICKS_PER_SECOND = 100;
  private static final double TICK_MILLIS = 1000.0 / TICKS_PER_SECOND;

  private final Random arrivals;
  private final Random sizes;

  MixedSimulator(long seed) {
    this.arrivals = new Random(seed);
    this.sizes = new Random(~seed);
  }

  /** One workflow execution: its shape, the step it is at (even: a workflow task, odd: an activity), when it started. */
  private static final class Workflow {
    final WorkflowShape shape;
    final long startTick;
    int step;

    Workflow(WorkflowShape shape, long startTick) {
      this.shape = shape;
      this.startTick = startTick;
    }

    WorkflowShape.Activity activity() {
      return shape.activities().get(step / 2);
    }

    boolean lastStep() {
      return step == 2 * shape.activities().size();
    }
  }

  /** One task in flight: remaining CPU work and blocking time, in milliseconds. */
  private static final class Task {
    final Workflow workflow;
    final long startTick;
    final double cpuWork;
    final double asyncMillis;
    double cpuLeft;
    double waitLeft;

    Task(Workflow workflow, long startTick, double cpuWork, double waitLeft, double asyncMillis) {
      this.workflow = workflow;
      this.startTick = startTick;
      this.cpuWork = cpuWork;
      this.cpuLeft = cpuWork;
      this.waitLeft = waitLeft;
      this.asyncMillis = asyncMillis;
    }

    boolean onCpu() {
      return cpuLeft > 0;
    }
  }

  /** Tasks on their way from the server to the worker, each with the milliseconds left, in dispatch order. */
  private static final class Deliveries {
    private final ArrayDeque<Workflow> workflows = new ArrayDeque<>();
    private final ArrayDeque<double[]> left = new ArrayDeque<>();

    void add(Workflow wf, double millis) {
      workflows.addLast(wf);
      left.addLast(new double[] {millis});
    }

    boolean isEmpty() {
      return workflows.isEmpty();
    }

    int size() {
      return workflows.size();
    }

    void advance(double millis) {
      for (double[] l : left) {
        l[0] -= millis;
      }
    }

    double peekFirstLeft() {
      return left.peekFirst()[0];
    }

    Workflow removeFirstWorkflow() {
      left.removeFirst();
      return workflows.removeFirst();
    }
  }

  /** A workflow whose next workflow task is scheduled at {@code tick}; {@code order} keeps ties FIFO. */
  private record Due(long tick, long order, Workflow workflow) {}

  /** One slot pool: its backlog, tasks in flight, policy and this interval's counters. */
  private final class Pool {
    final boolean activity;
    final ConcurrencyPolicy policy;
    final ArrayDeque<long[]> backlogTicks = new ArrayDeque<>();
    final ArrayDeque<Workflow> backlog = new ArrayDeque<>();
    final List<Task> inFlight = new ArrayList<>();
    final Map<String, double[]> byType = new HashMap<>(); // type -> {n, service ms, cpu ms}
    // Schedule-to-start of the last second: the runtime's LoadSignals read the latest 1 s metrics
    // interval, whatever the control interval.
    final List<Double> waits = new ArrayList<>();
    final MixedScenario.Polling polling;
    final Deliveries delivering = new Deliveries();
    int pollersWaiting;
    int pollersParked;
    int limit;
    int peak;

    Pool(boolean activity, ConcurrencyPolicy policy, MixedScenario.Polling polling) {
      this.activity = activity;
      this.policy = policy;
      this.polling = polling;
      this.pollersWaiting = polling.pollers();
      this.limit = policy.initialLimit();
    }

    void enqueue(Workflow wf, long tick) {
      backlog.addLast(wf);
      backlogTicks.addLast(new long[] {tick});
    }

    void admit(MixedScenario s, long tick, List<Double> phaseWaits) {
      if (polling.pollers() > 0) {
        admitThroughPollers(s, tick, phaseWaits);
        return;
      }
      while (inFlight.size() < limit && !backlog.isEmpty()) {
        inFlight.add(newTask(s, dispatch(tick, phaseWaits), tick));
      }
      peak = Math.max(peak, inFlight.size());
    }

    /** Takes the oldest backlog task, recording its schedule-to-start. */
    private Workflow dispatch(long tick, List<Double> phaseWaits) {
      Workflow wf = backlog.removeFirst();
      double wait = (tick - backlogTicks.removeFirst()[0]) * TICK_MILLIS;
      waits.add(wait);
      if (phaseWaits != null) {
        phaseWaits.add(wait);
      }
      return wf;
    }

    /**
     * SDK pollers ({@link MixedScenario.Polling}): delivered tasks start and their pollers reserve again,
     * pollers waiting for a slot get one while slots in use plus slots held by pollers stay under the
     * limit, and pollers holding a slot take the oldest backlog task.
     */
    private void admitThroughPollers(MixedScenario s, long tick, List<Double> phaseWaits) {
      delivering.advance(TICK_MILLIS);
      while (!delivering.isEmpty() && delivering.peekFirstLeft() <= 0) {
        inFlight.add(newTask(s, delivering.removeFirstWorkflow(), tick));
        pollersWaiting++;
      }
      while (pollersWaiting > 0 && inFlight.size() + pollersParked + delivering.size() < limit) {
        pollersWaiting--;
        pollersParked++;
      }
      while (pollersParked > 0 && !backlog.isEmpty()) {
        pollersParked--;
        delivering.add(dispatch(tick, phaseWaits), polling.pollMillis());
      }
      peak = Math.max(peak, inFlight.size());
    }

    private Task newTask(MixedScenario s, Workflow wf, long tick) {
      double jitter = 0.8 + 0.4 * sizes.nextDouble();
      if (!activity) {
        return new Task(wf, tick, s.workflowTaskCpuMillis() * jitter, s.workflowTaskRoundTripMillis() * jitter, 0);
      }
      WorkflowShape.Activity a = wf.activity();
      return new Task(wf, tick, a.cpuMillis() * jitter, a.blockingMillis() * jitter, a.asyncMillis() * jitter);
    }

    String type(Workflow wf) {
      return activity ? wf.activity().type() : wf.shape.type();
    }

    Observation observe(double cpuLoad, boolean workflowTasksStarving) {
      Map<String, ServiceTime> types = new HashMap<>();
      long completed = 0;
      double serviceSum = 0;
      for (Map.Entry<String, double[]> e : byType.entrySet()) {
        double[] t = e.getValue();
        types.put(e.getKey(), new ServiceTime((long) t[0], t[1] / t[0], activity ? t[2] / t[0] : Double.NaN));
        completed += (long) t[0];
        serviceSum += t[1];
      }
      int waiting = polling.pollers() > 0 ? pollersWaiting : inFlight.size() >= limit ? Simulator.POLLERS : 0;
      return new Observation(limit, peak, waiting, completed, completed == 0 ? Double.NaN : serviceSum / completed,
          0, p95(waits), Double.NaN, cpuLoad, Double.NaN, types, workflowTasksStarving);
    }

    void nextInterval(double cpuLoad, boolean workflowTasksStarving) {
      limit = policy.next(observe(cpuLoad, workflowTasksStarving));
      byType.clear();
      peak = inFlight.size();
    }
  }

  /** Runs the two policies through {@code scenario}; one entry per simulated second. */
  MixedResult run(MixedScenario s, String name, ConcurrencyPolicy workflowPolicy, ConcurrencyPolicy activityPolicy) {
    Pool tasks = new Pool(false, workflowPolicy, s.workflowPolling());
    Pool activities = new Pool(true, activityPolicy, MixedScenario.Polling.NONE);
    List<MixedResult.Second> seconds = new ArrayList<>();
    List<Double> phaseWorkflowTaskWaits = new ArrayList<>();
    List<Double> phaseActivityWaits = new ArrayList<>();
    List<double[]> workflowLatencies = new ArrayList<>(); // {start second, end-to-end ms}
    // Workflows whose activity completed asynchronously: their next workflow task is due at a later tick.
    long dueOrder = 0;
    PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparingLong(Due::tick).thenComparingLong(Due::order));
    long tick = 0;
    MixedScenario.Cadence cadence = s.new Cadence();
    for (int second = 0; second < s.seconds(); second++) {
      int finished = 0;
      double cpuBusy = 0;
      for (int t = 0; t < TICKS_PER_SECOND; t++, tick++) {
        double now = tick / (double) TICKS_PER_SECOND;
        int started = poisson(s.arrivalsPerSecond(now) / TICKS_PER_SECOND);
        for (int a = 0; a < started; a++) {
          tasks.enqueue(new Workflow(s.shapeAt(arrivals.nextDouble()), tick), tick);
        }
        while (!due.isEmpty() && due.peek().tick() <= tick) {
          Due next = due.poll();
          tasks.enqueue(next.workflow(), next.tick());
        }
        boolean phase = s.inPhase(now);
        tasks.admit(s, tick, phase ? phaseWorkflowTaskWaits : null);
        activities.admit(s, tick, phase ? phaseActivityWaits : null);
        int onCpu = 0;
        for (Pool pool : List.of(tasks, activities)) {
          for (Task task : pool.inFlight) {
            onCpu += task.onCpu() ? 1 : 0;
          }
        }
        double share = onCpu == 0 ? 0
            : Math.min(1, s.workerCores() / onCpu) / (1 + s.switchOverhead() * Math.max(0, onCpu - s.workerCores()));
        cpuBusy += Math.min(onCpu, s.workerCores());
        for (Pool pool : List.of(tasks, activities)) {
          for (int i = pool.inFlight.size() - 1; i >= 0; i--) {
            Task task = pool.inFlight.get(i);
            if (task.onCpu()) {
              task.cpuLeft -= TICK_MILLIS * share;
            } else {
              task.waitLeft -= TICK_MILLIS;
            }
            if (task.cpuLeft <= 0 && task.waitLeft <= 0) {
              pool.inFlight.set(i, pool.inFlight.get(pool.inFlight.size() - 1));
              pool.inFlight.remove(pool.inFlight.size() - 1);
              double[] totals = pool.byType.computeIfAbsent(pool.type(task.workflow), k -> new double[3]);
              totals[0]++;
              totals[1] += (tick + 1 - task.startTick) * TICK_MILLIS;
              totals[2] += task.cpuWork;
              Workflow wf = task.workflow;
              if (wf.lastStep()) {
                finished++;
                workflowLatencies.add(new double[] {wf.startTick / (double) TICKS_PER_SECOND,
                    (tick + 1 - wf.startTick) * TICK_MILLIS});
              } else if (++wf.step % 2 == 1) {
                activities.enqueue(wf, tick + 1);
              } else if (task.asyncMillis > 0) {
                due.add(new Due(tick + 1 + Math.round(task.asyncMillis / TICK_MILLIS), dueOrder++, wf));
              } else {
                tasks.enqueue(wf, tick + 1);
              }
            }
          }
        }
      }
      double cpuLoad = cpuBusy / TICKS_PER_SECOND / s.machineCores();
      seconds.add(new MixedResult.Second(second + 1, tasks.limit, activities.limit, finished, p95(tasks.waits),
          p95(activities.waits), tasks.backlog.size(), activities.backlog.size(), cpuLoad));
      // As AdaptiveConcurrency.controlStep: the workflow pool steps first, its starving reading goes to the activities.
      // A task in a backlog at the end of a second found no free slot (the simulator hands free slots out at once).
      if (cadence.stepAfter(second + 1, !tasks.backlog.isEmpty() || !activities.backlog.isEmpty())) {
        tasks.nextInterval(cpuLoad, false);
        activities.nextInterval(cpuLoad, tasks.policy.starving());
      }
      tasks.waits.clear();
      activities.waits.clear();
    }
    return new MixedResult(s, name, seconds, p95(phaseWorkflowTaskWaits), p95(phaseActivityWaits), workflowLatencies);
  }

  private int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = arrivals.nextDouble();
    while (p > l) {
      k++;
      p *= arrivals.nextDouble();
    }
    return k;
  }

  static double p95(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
  }
}
