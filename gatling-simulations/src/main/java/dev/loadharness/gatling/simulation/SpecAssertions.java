package dev.loadharness.gatling.simulation;

import static io.gatling.javaapi.core.CoreDsl.details;

import dev.loadharness.reports.record.Threshold.Op;
import dev.loadharness.scenarios.spec.Metric;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ThresholdSpec;
import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The spec's thresholds that Gatling measures too, as Gatling assertions, so {@code mvn gatling:test} fails
 * the way a Gatling user expects. Only bars Gatling sees the same quantity for are mapped:
 *
 * <ul>
 *   <li>{@code start_p95_ms}: the "start" request's 95th percentile;
 *   <li>{@code end_to_end_p50_ms} / {@code end_to_end_p95_ms} / {@code end_to_end_p99_ms}: the "completed" request's percentile (it is
 *       logged from the workflow's start request, so it is end-to-end). Gatling keeps whole milliseconds,
 *       so a limit {@code L} becomes {@code < ceil(L)}, {@code <= floor(L)}, {@code > floor(L)},
 *       {@code >= ceil(L)}, which is the same bar for whole-millisecond values; {@code ==} only for a whole L;
 *   <li>{@code failed == 0} together with {@code timed_out == 0}: no KO on "start" and "completed" (a KO
 *       there is a failed start, a failed or timed-out workflow, or an aborted wait, so one of the two bars
 *       is breached exactly when Gatling counts a KO). Either bar alone is not a Gatling count.
 * </ul>
 *
 * Everything else (worker-side latencies, sticky ratio, duration, throughput, accounting, visibility,
 * calibrated bars) only the harness's judge checks: Gatling does not measure it, or measures it
 * differently (Gatling's throughput is requests per second over its own run window, not completed
 * workflows from first start to last result).
 */
final class SpecAssertions {
  static final String START = "start";
  static final String COMPLETED = "completed";

  private SpecAssertions() {}

  /** The Gatling assertions of {@code spec}'s thresholds, in spec order. */
  static List<Assertion> of(ScenarioSpec spec) {
    List<Assertion> assertions = new ArrayList<>();
    spec.thresholds().forEach(t -> latency(t).ifPresent(assertions::add));
    if (!failureBars(spec).isEmpty()) {
      assertions.add(details(START).failedRequests().count().is(0L));
      assertions.add(details(COMPLETED).failedRequests().count().is(0L));
    }
    return assertions;
  }

  /** Names (as the run record spells them) of the spec's bars that Gatling asserts. */
  static Set<String> assertedNames(ScenarioSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    spec.thresholds().stream().filter(t -> latency(t).isPresent()).forEach(t -> names.add(t.name()));
    failureBars(spec).forEach(t -> names.add(t.name()));
    return names;
  }

  private static List<ThresholdSpec> failureBars(ScenarioSpec spec) {
    Optional<ThresholdSpec> failed = spec.threshold(Metric.FAILED).filter(SpecAssertions::isZero);
    Optional<ThresholdSpec> timedOut = spec.threshold(Metric.TIMED_OUT).filter(SpecAssertions::isZero);
    return failed.isPresent() && timedOut.isPresent() ? List.of(failed.get(), timedOut.get()) : List.of();
  }

  private static boolean isZero(ThresholdSpec t) {
    return t.limit() == 0 && (t.op() == Op.EQ || t.op() == Op.LE);
  }

  private static Optional<Assertion> latency(ThresholdSpec t) {
    return switch (t.metric()) {
      case START_P95_MS -> bound(t, START, 95.0);
      case END_TO_END_P50_MS -> bound(t, COMPLETED, 50.0);
      case END_TO_END_P95_MS -> bound(t, COMPLETED, 95.0);
      case END_TO_END_P99_MS -> bound(t, COMPLETED, 99.0);
      default -> Optional.empty();
    };
  }

  private static Optional<Assertion> bound(ThresholdSpec t, String request, double percentile) {
    var target = details(request).responseTime().percentile(percentile);
    int floor = (int) Math.min(Integer.MAX_VALUE, Math.floor(t.limit()));
    int ceil = (int) Math.min(Integer.MAX_VALUE, Math.ceil(t.limit()));
    return switch (t.op()) {
      case LT -> Optional.of(target.lt(ceil));
      case LE -> Optional.of(target.lte(floor));
      case GT -> Optional.of(target.gt(floor));
      case GE -> Optional.of(target.gte(ceil));
      case EQ -> floor == ceil ? Optional.of(target.is(floor)) : Optional.empty();
    };
  }
}
