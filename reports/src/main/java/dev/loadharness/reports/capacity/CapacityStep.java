package dev.loadharness.reports.capacity;

import dev.loadharness.reports.record.Threshold;
import java.util.List;
import java.util.Objects;

/**
 * One step of a capacity search: a short run at one offered load and what it sustained. Latencies and CPU are
 * taken over the step's steady window (its first third, while queues fill, left out).
 *
 * @param index the order it ran in, 1-based within its cell
 * @param phase {@code step} (stepping upward) or {@code refine} (bisection between the last good and first bad)
 * @param offered offered load: arrivals per second (open model) or workflows kept in flight (closed model)
 * @param throughputWps completed workflows per second over the steady window
 * @param endToEndP50Ms end-to-end latency p50 of the step's measured workflows, ms; null when none completed
 * @param endToEndP95Ms end-to-end p95, ms
 * @param endToEndP99Ms end-to-end p99, ms
 * @param startP95Ms client start call p95, ms
 * @param inFlightGrowthWps how fast in-flight workflows grew over the steady window, workflows per second
 * @param serverCpuPercent the server process's CPU, percent of one core; null when not measurable here
 * @param workerCpuPercent the worker JVMs' CPU summed, percent of one core
 * @param driverCpuPercent the driver JVM's CPU, percent of one core (includes an in-memory server)
 * @param machineCpuPercent the whole machine's busy CPU, percent of one core: this run's processes and any other
 * @param slotsUsed workflow + activity slots in use, summed over workers, mean over the window
 * @param slotLimit workflow + activity slot limits summed over workers
 * @param started workflows the step started
 * @param failed workflows that failed
 * @param timedOut workflows not done within the step's budget
 * @param unaccounted started workflows with no outcome
 * @param bars the step's evaluated thresholds (the SLOs and the built-in accounting)
 * @param verdict the step run's verdict (pass, fail, error, interrupted)
 * @param sustainable whether this load is sustainable (every bar held, no backlog growth, throughput still scaling)
 * @param reason why it is not sustainable; empty when it is
 * @param runId the step run's id
 * @param directory the step run's directory, relative to the capacity directory
 */
public record CapacityStep(
    int index, String phase, double offered, double throughputWps,
    Double endToEndP50Ms, Double endToEndP95Ms, Double endToEndP99Ms, Double startP95Ms,
    Double inFlightGrowthWps, Double serverCpuPercent, Double workerCpuPercent, Double driverCpuPercent,
    Double machineCpuPercent, Double slotsUsed, Double slotLimit, long started, long failed, long timedOut, long unaccounted,
    List<Threshold> bars, String verdict, boolean sustainable, String reason, String runId, String directory) {

  /** A step's phase while stepping upward. */
  public static final String STEP = "step";
  /** A step's phase while bisecting. */
  public static final String REFINE = "refine";

  /** Validates the load, throughput and phase. */
  public CapacityStep {
    if (index < 1) {
      throw new IllegalArgumentException("step index must be >= 1, was " + index);
    }
    if (!STEP.equals(phase) && !REFINE.equals(phase)) {
      throw new IllegalArgumentException("step phase must be step or refine, was " + phase);
    }
    if (!(offered > 0)) {
      throw new IllegalArgumentException("step offered load must be > 0, was " + offered);
    }
    if (!(throughputWps >= 0)) {
      throw new IllegalArgumentException("step throughput must be >= 0, was " + throughputWps);
    }
    bars = bars == null ? List.of() : List.copyOf(bars);
    reason = Objects.requireNonNullElse(reason, "");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** This step judged: sustainable or not, and why not. */
  public CapacityStep judged(boolean ok, String why) {
    return new CapacityStep(index, phase, offered, throughputWps, endToEndP50Ms, endToEndP95Ms, endToEndP99Ms,
        startP95Ms, inFlightGrowthWps, serverCpuPercent, workerCpuPercent, driverCpuPercent, machineCpuPercent,
        slotsUsed, slotLimit,
        started, failed, timedOut, unaccounted, bars, verdict, ok, ok ? "" : why, runId, directory);
  }

  /** The CPU of server, workers and driver together, percent of one core (the parts that were measured). */
  public double totalCpuPercent() {
    return nz(serverCpuPercent) + nz(workerCpuPercent) + nz(driverCpuPercent);
  }

  private static double nz(Double v) {
    return v == null ? 0 : v;
  }
}
