package dev.loadharness.gatling.simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.loadharness.gatling.action.Temporal;
import dev.loadharness.gatling.driver.LoadDriver;
import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.Wave;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * The simulation the load pipeline runs (scripts/load, through {@code GatlingSeam}, its driver installed
 * first): each virtual user starts one workflow of the mix, does the signal / query / update round trips if
 * it is interactive, and waits for its result. The spec's injection becomes Gatling's open model (arrivals
 * never wait for completions) or, only when the spec asks, the closed model. {@link ScenarioSimulation}
 * (mvn gatling:test) runs the same chain and population.
 */
public class TemporalLoadSimulation extends Simulation {

  /** Grace after the time budget before Gatling cuts users still waiting (they count as unaccounted). */
  static final Duration CUT_GRACE = Duration.ofSeconds(10);

  {
    // A segment of a distributed run injects its share; a single run's segment is the whole spec.
    ScenarioSpec spec = LoadDriver.current().segmentSpec();
    setUp(population(workflow(spec), spec)).maxDuration(spec.timeBudget().plus(CUT_GRACE));
  }

  /**
   * The chain every simulation of this project runs: one workflow of the mix per virtual user. It reads the
   * installed {@link LoadDriver} only while users run, so it can be built before the driver exists.
   */
  static ScenarioBuilder workflow(ScenarioSpec spec) {
    return scenario(spec.name())
        // An aborted run (server gone, SIGINT/SIGTERM) stops the generator at the next user through here.
        .exec(stopLoadGeneratorIf(session -> "aborted: " + LoadDriver.current().abortReason().orElse(""),
            session -> LoadDriver.current().isAborted()))
        .exec(Temporal.start())
        .exitHereIfFailed()
        .doIf(session -> session.getBoolean(Temporal.INTERACTIVE)).then(
            exec(session -> session).repeat(session -> session.getInt(Temporal.ROUNDS)).on(
                exec(Temporal.signal("advance")), exec(Temporal.query("progress")), exec(Temporal.update("bump"))))
        // A kitchen-sink root's plan waits for the driver's signals; a long-idle workflow for one after its idle time.
        .doIf(session -> session.getInt(Temporal.SIGNALS) > 0).then(
            exec(session -> session).repeat(session -> session.getInt(Temporal.SIGNALS)).on(exec(Temporal.signal("poke"))))
        .doIf(session -> session.getLong(Temporal.SIGNAL_AFTER_MS) > 0).then(exec(Temporal.signalAfterIdle("wake")))
        .exec(Temporal.completed())
        .doIf(session -> session.getBoolean(Temporal.WAKE_UPS)).then(exec(Temporal.wakeUps()))
        .exec(stopLoadGeneratorIf(session -> "aborted: " + LoadDriver.current().abortReason().orElse(""),
            session -> LoadDriver.current().isAborted()));
  }

  static PopulationBuilder population(ScenarioBuilder workflow, ScenarioSpec spec) {
    Injection injection = spec.injection();
    return switch (injection.model()) {
      case AT_ONCE -> workflow.injectOpen(atOnceUsers(spec.workflows()));
      case RAMP -> workflow.injectOpen(rampUsers(spec.workflows()).during(injection.duration()));
      case CONSTANT_RATE -> workflow.injectOpen(constantUsersPerSec(injection.rate()).during(
          injection.duration().isZero()
              ? Duration.ofMillis(Math.round(spec.workflows() * 1000 / injection.rate()))
              : injection.duration()));
      case CLOSED -> workflow.injectClosed(
          constantConcurrentUsers(injection.concurrency()).during(injection.duration()));
      // Each half period is one of Gatling's own ramps: it paces the arrivals (open) or keeps the concurrency
      // (closed: a new user starts when one ends below the target), so no scheduler of ours is in the loop.
      case EBB_AND_FLOW -> workflow.injectOpen(rateRamps(injection));
      case BACKLOG -> workflow.injectClosed(concurrencyRamps(injection));
    };
  }

  /** An ebb-and-flow wave as Gatling's open steps: one {@code rampUsersPerSec} per half period. */
  static OpenInjectionStep[] rateRamps(Injection injection) {
    return ramps(injection).stream().map(r -> rampUsersPerSec(r.from()).to(r.to()).during(r.during()))
        .toArray(OpenInjectionStep[]::new);
  }

  /** A backlog wave as Gatling's closed steps: one {@code rampConcurrentUsers} per half period. */
  static ClosedInjectionStep[] concurrencyRamps(Injection injection) {
    return ramps(injection).stream()
        .map(r -> rampConcurrentUsers((int) Math.round(r.from())).to((int) Math.round(r.to())).during(r.during()))
        .toArray(ClosedInjectionStep[]::new);
  }

  private static List<Wave.Ramp> ramps(Injection injection) {
    return injection.wave().orElseThrow().ramps(injection.duration());
  }
}
