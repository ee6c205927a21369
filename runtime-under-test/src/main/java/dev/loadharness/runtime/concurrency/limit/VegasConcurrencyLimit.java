package dev.loadharness.runtime.concurrency.limit;

import dev.loadharness.runtime.concurrency.SlotLimits;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
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
 * <p><b>Mixed task types: Vegas per type, weighted by Little's law.</b> Vegas assumes one kind of
 * request. A worker's tasks are not: a 5 ms activity and a 2 s blocking one share the activity slots.
 * Admission cannot be split by type (the SDK reserves a slot before the poll that says which type
 * the task is, so Netflix's partitioned limiters, one limit per request class, do not apply), but
 * accounting can. Every type keeps its own smoothed service time {@code rtt_t} and windowed-minimum
 * baseline {@code rtt0_t}, and the queue estimate sums each type's own Vegas backlog,
 * {@code queue = limit * sum_t s_t * (1 - rtt0_t / rtt_t)}, where {@code s_t} is the type's share of
 * the interval's slot time, {@code n_t * rtt_t / sum(n * rtt)}: by Little's law (J. Little, "A Proof
 * for the Queuing Formula L = lambda W", Operations Research 9(3), 1961) the share of the slots the
 * type holds. Each term is Vegas's per-flow backlog, rate times queueing delay (S. Low, L. Peterson,
 * L. Wang, "Understanding TCP Vegas: a duality model", JACM 49(2), 2002), so with one type this is
 * plain Vegas. Weighting by completions instead, as this class first did, counts a fast type that
 * queues for CPU as if it held the slots the slow blocking type really holds, and shrinks the pool
 * the blocking work needs (issue 18: 9.1 against 9.9 workflows/s for fixed slots).
 *
 * <p><b>CPU-aware admission only for CPU-consuming work.</b> Process CPU above {@code cpuHigh} used to
 * cut the whole pool by {@code backoffRatio}, and above {@code cpuGrowthCeiling} to stop its growth.
 * Under processor sharing, fewer slots for work that holds its slot waiting on a database or a
 * blocking call frees no CPU; it only lowers throughput. So each type's CPU intensity is measured
 * (CPU time on the task's thread per unit of no-load service time: about 1 CPU-bound, about 0
 * blocking; 1 where unknown, e.g. workflow tasks, whose code runs on workflow threads), the pool's
 * CPU-consuming share is {@code c = sum_t s_t * intensity_t}, the CPU back-off removes
 * {@code (1 - backoffRatio) * c * limit} slots (none when that is under half a slot) and growth above
 * the CPU ceiling is {@code floor(step * (1 - c))}. Charging a resource signal only to the class that
 * uses the resource is the per-resource staging of SEDA (M. Welsh, D. Culler, E. Brewer, "SEDA: An
 * Architecture for Well-Conditioned, Scalable Internet Services", SOSP 2001). With one type of unknown
 * CPU, c = 1 and every rule is the one before. Seeded gates: {@code MixedSaturationGateTest}.
 *
 * <p><b>A throughput objective under overload.</b> Vegas reads every service-time inflation as queueing
 * it caused, and shrinks until its own backlog is alpha..beta. When the inflation comes from outside
 * (other processes on the machine's CPU, a downstream shared with other clients), shrinking frees
 * nothing and only loses throughput: Vegas's known weakness against cross traffic (J. Mo, R. La,
 * V. Anantharam, J. Walrand, "Analysis and comparison of TCP Reno and Vegas", INFOCOM 1999). The
 * first grid run of issue 18 showed it: the machine saturated by neighbours, the activity limit went
 * 14 -> 10 and the workflow limit 10 -> 7 while work queued on the server. So while demand is unmet
 * and the slots are in use, the limit climbs on goodput, {@code limit - queue} (Vegas's
 * {@code Actual * BaseRTT}: slots' worth of work done at no-load speed), like a hill climber
 * (Caffeine's {@code WindowClimber}): a step up whose marginal goodput per slot was at least half the
 * average per slot before it is followed by another; a step down that lost that much is undone. With
 * self-inflicted contention (the retrograde region of the Universal Scalability Law) an added slot
 * adds little or negative goodput, the test fails, and Vegas's rules decide as before.
 *
 * <p><b>No delay-driven cut below the start.</b> Even with the climb, a machine saturated by other
 * processes inflates every CPU-bound service time by 5-30x and the goodput samples are too noisy to climb
 * on: the second grid run still ended at workflow 7 / activity 9 against the configured 10 / 14 (adaptive
 * 3.6 against fixed 5.9 workflows/s). So the queue estimate alone never moves the limit below
 * {@code SlotLimits.initial}, the operator's known-good starting point (the floor Netflix's limits call
 * {@code minLimit}, placed where the operator put the limit); heap, the process's own CPU on CPU-consuming
 * slots and error releases still can, down to {@code min}. This first held only while demand was unmet, on
 * the reasoning that without demand a lower limit is harmless. Grid cell b50-l200 on the dev server showed
 * otherwise: in the last seconds of the 1 s start-up ramp one interval without a waiting reservation or a
 * schedule-to-start above target let the queue estimate cut the workflow limit 10 -> 9 on both workers,
 * and the next step was a 30 s control interval away, so 9 held for the whole overload (the runtime's own
 * series) and workflow-task schedule-to-start p95 was 1.9x fixed 10/14's in that round. The cut costs more
 * than one slot in ten: SDK 1.38's pollers each hold a reserved slot while they poll, so with 5 workflow
 * pollers a limit of 10 runs at most 5 workflow tasks at once and 9 runs 4 (the worker's series: 0-7 slots
 * in use under limits of 9-15). Without demand a lower limit admits nothing less, since a pull-based worker
 * takes no task it did not poll for, so it buys nothing in the lull and costs a control interval of
 * capacity after it. The delay signal cannot justify it either way: it cannot tell this pool's queue from
 * other load on the same cores (Mo et al., above), and when this pool does cause the queue, the
 * operator's start is the point known not to. The simulator's {@code gridCellB50L200} (pollers that hold
 * slots, the runtime's 1 s ramp then 30 s cadence) reproduced the loss on 5 of 40 seeds (workflow-task
 * schedule-to-start p95 up to 3.07x fixed 10/14's); with the floor unconditional none is above 1.29x.
 *
 * <p><b>Workflow tasks first: the activity pool yields the CPU it took above its start.</b> The two
 * pools of one worker share its cores, and each Vegas loop reads the other's load as its own queueing
 * (the cross-traffic weakness above, inside one process). Grid cell b50-l150 and its simulator
 * reproduction showed where that ends: the activity pool climbed 14 -> 22 on its blocking work's goodput
 * (its CPU rules never fired: process CPU on a shared machine read at most 0.6), every added slot also
 * admitted CPU-bound activities, workflow tasks' service time rose from 62 to 300-450 ms, the workflow
 * pool read that as its own queue and held, and workflow-task schedule-to-start p95 went to 10-22x the
 * fixed 10/14 slots' while throughput fell. Workflow tasks are the critical path: by the forced-flow law
 * (P. Denning, J. Buzen, "The Operational Analysis of Queueing Network Models", ACM Computing Surveys
 * 10(3), 1978) a worker completes workflows at most at its workflow-task throughput divided by the
 * workflow tasks each workflow needs, and every activity is scheduled by one, so once that stage is the
 * bottleneck, CPU given to more concurrent activities is taken from the stage that bounds throughput.
 * The workflow pool reports {@link #starving()} when its tasks wait on the server (schedule-to-start p95
 * above target, polls not idle) while its own service time reads as queueing ({@code queue >= alpha}):
 * the state in which more workflow slots are not granted and would not help, because the resource is
 * short, not the slots. {@code AdaptiveConcurrency} steps the workflow pool first and passes that into
 * the activity pools' {@link Observation#workflowTasksStarving()}; an activity limit that has seen it
 * within the last {@code baselineIntervals} caps itself at {@code SlotLimits.initial}: above it, it steps
 * straight back (at most halving), below it, it may grow only up to it. The operator's initial split of
 * the two pools is the known-good point (the floor under delay-driven cuts above is the same start); what
 * the activity pool won above it while CPU was free it gives back when workflow tasks are short of it.
 * Only a pool that serves a CPU-consuming task type ({@link #CPU_CONSUMING_INTENSITY}) yields (the SEDA
 * rule above: fewer slots for blocking work free no CPU). The signal is held for the baseline window
 * because the starving reading is noisy over the 1 s ramp intervals (a second in which a burst of
 * workflow tasks cleared reads as fine, and the next growth step by beta puts 7 more slots on the
 * cores): in the simulator's b50-l150 cell, held for 1 interval the yield brought workflow-task
 * schedule-to-start p95 from 10-22x to 2.2-2.9x the fixed slots', held for 3-7 intervals at least one
 * of three seeds stayed above 2x, held for 10 to 30 none did (1.0-1.6x at 30).
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

  /**
   * CPU intensity from which a task type counts as CPU-consuming for the yield to starving workflow
   * tasks. Well under what the estimate reads for a type whose tasks differ in size (the grid's Cpu
   * activity, called with 5, 15 and 120 ms of work, reads 0.37-0.49 because its baseline is a windowed
   * minimum of a changing mix) and well over a blocking call's (5 ms of CPU in 2 s: 0.0025).
   */
  static final double CPU_CONSUMING_INTENSITY = 0.1;

  private final SlotLimits bounds;
  private final VegasLimitSettings settings;
  private final Map<String, TypeServiceTime> types = new HashMap<>();
  private double queuedFraction = Double.NaN;
  private double cpuShare = 1;
  private double smoothedRtt = Double.NaN;
  private double baselineRtt = Double.NaN;
  private int intervalsSinceChange = Integer.MAX_VALUE / 2;
  // Coupling of the pools (class comment): this limit's own starving reading of the last update, and
  // the intervals since the workflow-task pool last reported starving.
  private boolean starving;
  private int intervalsSinceWorkflowTasksStarved = Integer.MAX_VALUE / 2;
  // Throughput objective: goodput (limit - queue) measured at the current limit and at the previous one.
  private int goodputLimit = -1;
  private double goodput = Double.NaN;
  private int previousLimit = -1;
  private double previousGoodput = Double.NaN;

  /** Creates a limit that moves within {@code bounds}. */
  public VegasConcurrencyLimit(SlotLimits bounds, VegasLimitSettings settings) {
    this.bounds = bounds;
    this.settings = settings;
  }

  /** Feeds one interval and returns the limit to apply with the reason for it. */
  public LimitDecision update(Observation o) {
    intervalsSinceChange++;
    intervalsSinceWorkflowTasksStarved = o.workflowTasksStarving() ? 0
        : Math.min(intervalsSinceWorkflowTasksStarved + 1, Integer.MAX_VALUE / 2);
    observeServiceTime(o);
    int current = clamp(o.limit());
    starving = starving(o, current);
    LimitDecision proposal = yieldToWorkflowTasks(current, propose(o, current));
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
    if (goodputLimit == current && !Double.isNaN(goodput)) {
      previousLimit = current;
      previousGoodput = goodput;
    }
    return new LimitDecision(target, target > current ? Direction.UP : Direction.DOWN, proposal.reason());
  }

  /**
   * True when the last update found this pool's tasks waiting on the server (schedule-to-start p95
   * above target, polls not idle) while its own service time read as queueing ({@code queue >= alpha}):
   * short of a resource, not of slots. For the workflow pool, the signal its activity pools yield to.
   */
  public boolean starving() {
    return starving;
  }

  /** The completion-weighted no-load service time in milliseconds, NaN before the first sample. */
  public double baselineServiceMillis() {
    return baselineRtt;
  }

  private void observeServiceTime(Observation o) {
    double slotMillis = 0;
    for (ServiceTime sample : o.serviceByType().values()) {
      slotMillis += sample.completed() * sample.meanMillis();
    }
    double queued = 0;
    double cpuConsuming = 0;
    double weightedRtt = 0;
    double weightedBaseline = 0;
    long n = 0;
    for (Map.Entry<String, ServiceTime> e : o.serviceByType().entrySet()) {
      ServiceTime sample = e.getValue();
      TypeServiceTime type = types.computeIfAbsent(e.getKey(), k -> new TypeServiceTime());
      type.observe(sample, settings.rttSmoothing(), settings.baselineIntervals());
      // Little's law: the type's share of the interval's slot time is its share of the slots in use.
      double share = slotMillis > 0 ? sample.completed() * sample.meanMillis() / slotMillis
          : 1.0 / o.serviceByType().size();
      // A type served in 0 ms cannot be queueing: it counts as at its baseline.
      queued += share * (type.smoothed > 0 ? 1 - type.baseline() / type.smoothed : 0);
      cpuConsuming += share * type.cpuIntensity();
      weightedRtt += sample.completed() * type.smoothed;
      weightedBaseline += sample.completed() * type.baseline();
      n += sample.completed();
    }
    if (n > 0) {
      queuedFraction = queued;
      cpuShare = cpuConsuming;
      smoothedRtt = weightedRtt / n;
      baselineRtt = weightedBaseline / n;
    }
  }

  /**
   * One task type's moving-average service time, the windowed minimum of it (its baseline) and its
   * moving-average CPU time where measured.
   */
  private static final class TypeServiceTime {
    final ArrayDeque<Double> history = new ArrayDeque<>();
    double smoothed = Double.NaN;
    double cpu = Double.NaN;

    void observe(ServiceTime sample, double smoothing, int window) {
      smoothed = Double.isNaN(smoothed) ? sample.meanMillis() : smoothed * (1 - smoothing) + sample.meanMillis() * smoothing;
      if (sample.cpuKnown()) {
        cpu = Double.isNaN(cpu) ? sample.meanCpuMillis() : cpu * (1 - smoothing) + sample.meanCpuMillis() * smoothing;
      }
      history.addLast(smoothed);
      while (history.size() > window) {
        history.removeFirst();
      }
    }

    double baseline() {
      return history.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /**
     * CPU time per unit of no-load service time, 0..1: about 1 for CPU-bound work, about 0 for a
     * task that holds its slot waiting on something else; 1 (assume CPU-bound) when unknown.
     */
    double cpuIntensity() {
      double base = baseline();
      if (Double.isNaN(cpu) || !(base > 0)) {
        return 1;
      }
      return Math.min(1, cpu / base);
    }
  }

  private boolean starving(Observation o, int limit) {
    if (Double.isNaN(smoothedRtt)) {
      return false;
    }
    double alpha = settings.alphaFactor() * Math.max(1, Math.log10(limit));
    boolean idlePolls = o.pollLatencyP95Millis() > settings.idlePollMillis();
    return limit * queuedFraction >= alpha && !idlePolls
        && o.scheduleToStartP95Millis() > settings.scheduleToStartTargetMillis();
  }

  /**
   * Caps the proposal at the initial limit while the workflow-task pool has starved within the last
   * {@code baselineIntervals} and this pool runs CPU-consuming work (class comment); otherwise returns it.
   */
  private LimitDecision yieldToWorkflowTasks(int limit, LimitDecision proposal) {
    int ceiling = bounds.initial();
    if (intervalsSinceWorkflowTasksStarved >= settings.baselineIntervals() || proposal.limit() <= ceiling) {
      return proposal;
    }
    List<String> cpuTypes = types.entrySet().stream()
        .filter(e -> e.getValue().cpuIntensity() >= CPU_CONSUMING_INTENSITY)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
    if (cpuTypes.isEmpty()) {
      return proposal;
    }
    String why = "workflow tasks starving " + intervalsSinceWorkflowTasksStarved + " intervals ago, CPU-consuming "
        + cpuTypes + " here: ";
    if (limit > ceiling) {
      return new LimitDecision(ceiling, Direction.DOWN,
          "down: " + why + "back to the initial " + ceiling + " (would " + proposal.reason() + ")");
    }
    if (ceiling > limit) {
      return new LimitDecision(ceiling, Direction.UP, proposal.reason() + "; capped at the initial " + ceiling
          + ": " + why);
    }
    return hold(limit, why + "no growth above the initial " + ceiling + " (would " + proposal.reason() + ")");
  }

  private LimitDecision propose(Observation o, int limit) {
    if (o.heapUsedFraction() > settings.heapHigh()) {
      return backOff(limit, "heap " + fmt(o.heapUsedFraction()) + " > " + fmt(settings.heapHigh()));
    }
    boolean cpuHigh = o.processCpuLoad() > settings.cpuHigh();
    double cpuSlots = limit * cpuShare;
    if (cpuHigh && cpuSlots * (1 - settings.backoffRatio()) >= 0.5) {
      // Only the CPU-consuming share of the slots backs off: fewer slots for blocking work would
      // not lower the CPU, only the throughput.
      int next = (int) Math.floor(limit - cpuSlots * (1 - settings.backoffRatio()));
      return new LimitDecision(Math.max(1, Math.min(next, limit - 1)), Direction.DOWN,
          "down: cpu " + fmt(o.processCpuLoad()) + " > " + fmt(settings.cpuHigh()) + " on "
              + fmt(cpuSlots) + " CPU-consuming slots");
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
    double queue = limit * queuedFraction;
    String vegas = "queue " + fmt(queue) + " (service " + fmt(smoothedRtt) + " ms, baseline "
        + fmt(baselineServiceMillis()) + " ms)";
    observeGoodput(limit, limit - queue);
    String demand = demand(o);
    if (queue >= alpha && demand != null && 2 * o.peakInUse() >= limit) {
      LimitDecision climb = climb(limit, log, vegas, demand);
      if (climb != null) {
        return climb;
      }
    }
    if (queue > beta) {
      int down = Math.max(1, limit - (int) Math.max(1, Math.round(log)));
      if (down < bounds.initial()) {
        // Delay alone never takes the limit below the configured start (class comment): with work
        // waiting it cannot tell this worker's queue from others' load, and without it a lower limit
        // admits nothing less but outlasts the lull by a control interval.
        down = Math.min(limit, bounds.initial());
        if (down == limit) {
          return hold(limit, vegas + " > beta " + fmt(beta) + " but "
              + (demand != null ? demand : "no unmet demand") + ": delay alone does not take the limit below its initial "
              + bounds.initial());
        }
      }
      return new LimitDecision(down, Direction.DOWN, "down: " + vegas + " > beta " + fmt(beta));
    }
    if (queue >= alpha) {
      return hold(limit, vegas + " within dead band " + fmt(alpha) + ".." + fmt(beta));
    }
    if (2 * o.peakInUse() < limit) {
      return hold(limit, "under-used: peak in use " + o.peakInUse() + " < limit/2");
    }
    if (demand == null) {
      return hold(limit, "no unmet demand: nothing waiting, schedule-to-start p95 " + fmt(o.scheduleToStartP95Millis()) + " ms");
    }
    int step = queue <= log ? (int) Math.round(beta) : (int) Math.max(1, Math.round(log));
    if (cpuHigh || o.processCpuLoad() > settings.cpuGrowthCeiling()) {
      // CPU is short: grow only by the share of a step that goes to work not consuming CPU.
      step = (int) Math.floor(step * (1 - cpuShare));
      if (step == 0) {
        return hold(limit, "cpu " + fmt(o.processCpuLoad()) + " above growth ceiling " + fmt(settings.cpuGrowthCeiling())
            + " and " + fmt(100 * cpuShare) + "% of slot time is CPU-consuming");
      }
    }
    return new LimitDecision(limit + step, Direction.UP, "up: " + vegas + " < alpha " + fmt(alpha) + ", " + demand);
  }

  /** Smooths this limit's goodput, starting afresh whenever the limit has moved. */
  private void observeGoodput(int limit, double sample) {
    if (goodputLimit != limit || Double.isNaN(goodput)) {
      goodputLimit = limit;
      goodput = sample;
    } else {
      goodput = goodput * (1 - settings.rttSmoothing()) + sample * settings.rttSmoothing();
    }
  }

  /**
   * The throughput objective under unmet demand, where Vegas alone would hold or shrink: keep
   * climbing while the last slots added paid for themselves, and undo a decrease that cost goodput.
   * A step "pays" when its marginal goodput per slot is at least half the average goodput per slot
   * before it; null when there is no evidence either way (no previous limit measured).
   */
  private LimitDecision climb(int limit, double log, String vegas, String demand) {
    if (previousLimit < 1 || previousLimit == limit || Double.isNaN(previousGoodput) || !(previousGoodput > 0)) {
      return null;
    }
    String measured = "goodput " + fmt(goodput) + " slots at limit " + limit + " vs " + fmt(previousGoodput)
        + " at " + previousLimit + " (" + vegas + ", " + demand + ")";
    if (previousLimit < limit) {
      double marginal = (goodput - previousGoodput) / (limit - previousLimit);
      if (marginal >= 0.5 * previousGoodput / previousLimit) {
        return new LimitDecision(limit + (int) Math.max(1, Math.round(log)), Direction.UP,
            "up: throughput objective, the last slots paid: " + measured);
      }
      return null;
    }
    double lost = (previousGoodput - goodput) / (previousLimit - limit);
    if (lost >= 0.5 * goodput / limit) {
      return new LimitDecision(previousLimit, Direction.UP, "up: throughput objective, the decrease cost goodput: "
          + measured);
    }
    return null;
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
