package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec side of the ebb-and-flow and backlog models and of many task queues. */
class WorkloadModelsTest {
  private static final String BASE = """
      name: m
      mix: [{kind: io, weight: 1}]
      time_budget: 60s
      """;

  private static ScenarioSpec parse(String more) {
    return ScenarioSpecs.parse("m.yaml", BASE + more);
  }

  private static List<String> problems(String more) {
    try {
      parse(more);
    } catch (SpecException e) {
      return e.problems();
    }
    throw new AssertionError("expected a SpecException for " + more);
  }

  @Test
  void ebbAndFlowOffersTheWavesArrivals() {
    ScenarioSpec spec = parse("injection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 10s, duration: 20s}\n");
    assertThat(spec.injection().model().open()).isTrue();
    assertThat(spec.injection().wave()).contains(new Wave(1, 9, Duration.ofSeconds(10)));
    assertThat(spec.workflows()).isEqualTo(100);
    assertThat(parse("workflows: 100\ninjection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 10s, "
        + "duration: 20s}\n").workflows()).isEqualTo(100);
  }

  @Test
  void backlogIsAClosedModelWithoutACount() {
    ScenarioSpec spec = parse("injection: {model: backlog, min_backlog: 4, max_backlog: 24, period: 10s, duration: 20s}\n");
    assertThat(spec.injection().model().open()).isFalse();
    assertThat(spec.injection().wave()).contains(new Wave(4, 24, Duration.ofSeconds(10)));
    assertThat(spec.workflows()).isZero();
  }

  @Test
  void eachBadWaveFieldIsOneLineNamingFieldValueAndRange() {
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: -1, max_rate: 9, period: 10s, duration: 20s}\n"))
        .containsExactly("injection.min_rate: -1 is out of range; allowed: 0 or more");
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: 5, max_rate: 5, period: 10s, duration: 20s}\n"))
        .containsExactly("injection.max_rate: 5 is out of range; allowed: more than min_rate 5");
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: 1, period: 10s, duration: 20s}\n"))
        .containsExactly("injection.max_rate: missing; allowed: more than min_rate (workflows per second at the flood)");
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 1s, duration: 20s}\n"))
        .containsExactly("injection.period: 1s is out of range; allowed: a whole even number of seconds, 2s or "
            + "more (each half is one Gatling ramp, paced in whole seconds)");
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 3s, duration: 9s}\n"))
        .containsExactly("injection.period: 3s is out of range; allowed: a whole even number of seconds, 2s or "
            + "more (each half is one Gatling ramp, paced in whole seconds)");
    assertThat(problems("injection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 10s, duration: 25s}\n"))
        .containsExactly("injection.duration: 25s is not a whole number of injection.period 10s; allowed: 1, 2, 3, "
            + "... periods");
    assertThat(problems("injection: {model: backlog, min_backlog: 0, max_backlog: 24, period: 10s, duration: 20s}\n"))
        .containsExactly("injection.min_backlog: 0 is out of range; allowed: 1 or more");
    assertThat(problems("injection: {model: backlog, min_backlog: 4, max_backlog: 20000, period: 10s, duration: 20s}\n"))
        .containsExactly("injection.max_backlog: 20000 is out of range; allowed: more than min_backlog 4, at most 10000");
    assertThat(problems("workflows: 99\ninjection: {model: ebb-and-flow, min_rate: 1, max_rate: 9, period: 10s, "
        + "duration: 20s}\n")).containsExactly("workflows: 99 disagrees with the 100 the wave offers over "
            + "injection.duration (mean of min_rate and max_rate x duration); remove it or make it agree");
  }

  @Test
  void fieldsAModelIgnoresAreRefused() {
    assertThat(problems("injection: {model: ebb-and-flow, rate: 3, concurrency: 2, min_backlog: 1, min_rate: 1, "
        + "max_rate: 9, period: 10s, duration: 20s}\n")).containsExactly(
        "injection.rate: 3 is ignored by the ebb-and-flow model (it uses min_rate, max_rate, period and duration); "
            + "remove it",
        "injection.concurrency: 2 is ignored by the ebb-and-flow model (it uses min_rate, max_rate, period and "
            + "duration); remove it",
        "injection.min_backlog: 1 is ignored by the ebb-and-flow model (it uses min_rate, max_rate, period and "
            + "duration); remove it");
    assertThat(problems("injection: {model: backlog, max_rate: 9, min_backlog: 1, max_backlog: 9, period: 10s, "
        + "duration: 20s}\n")).containsExactly("injection.max_rate: 9 is ignored by the backlog model (it uses "
            + "min_backlog, max_backlog, period and duration); remove it");
    assertThat(problems("workflows: 10\ninjection: {model: backlog, min_backlog: 1, max_backlog: 9, period: 10s, "
        + "duration: 20s}\n")).containsExactly("workflows: 10 is ignored by the backlog model (it keeps between "
            + "injection.min_backlog and max_backlog in flight for injection.duration); remove it");
    assertThat(problems("injection: {model: constant-rate, rate: 2, duration: 10s, period: 5s}\n")).containsExactly(
        "injection.period: 5s is ignored by the constant-rate model (min_rate, max_rate and period are for "
            + "ebb-and-flow; min_backlog, max_backlog and period for backlog); remove it");
  }

  @Test
  void taskQueuesSpreadTheRunsQueueWithOmesSuffixes() {
    ScenarioSpec spec = parse("workflows: 8\ninjection: {model: at-once}\nworkers: {task_queues: 3}\n");
    assertThat(spec.workers().taskQueues()).isEqualTo(3);
    assertThat(spec.workers().taskQueueNames("load-x")).containsExactly("load-x-0", "load-x-1", "load-x-2");
    assertThat(spec.withWorkerProcesses(2).workers().taskQueues()).as("kept by the overrides").isEqualTo(3);
    assertThat(spec.workers().withSlots(2, 2).taskQueues()).isEqualTo(3);
    ScenarioSpec one = parse("workflows: 8\ninjection: {model: at-once}\n");
    assertThat(one.workers().taskQueueNames("load-x")).containsExactly("load-x");
  }

  @Test
  void badTaskQueueCountsAreRefused() {
    assertThat(problems("workflows: 8\ninjection: {model: at-once}\nworkers: {task_queues: 0}\n"))
        .containsExactly("workers.task_queues: 0 is out of range; allowed: 1 to 64");
    assertThat(problems("workflows: 8\ninjection: {model: at-once}\nworkers: {task_queues: 65}\n"))
        .containsExactly("workers.task_queues: 65 is out of range; allowed: 1 to 64");
    assertThat(problems("workflows: 8\ninjection: {model: at-once}\nworkers: {external: true, task_queue: q, "
        + "task_queues: 4}\n")).containsExactly("workers.task_queues: 4 is not allowed for external workers; "
            + "allowed: 1 (a deployed fleet polls the task_queue it was deployed with)");
  }

  @Test
  void theShippedWorkloadSpecsUseTheNewModels() {
    assertThat(ScenarioSpecs.load("ebb-and-flow").injection().model()).isEqualTo(Injection.Model.EBB_AND_FLOW);
    assertThat(ScenarioSpecs.load("backlog").injection().model()).isEqualTo(Injection.Model.BACKLOG);
    assertThat(ScenarioSpecs.load("many-task-queues").workers().taskQueues()).isEqualTo(8);
    assertThatThrownBy(() -> new Injection(Injection.Model.BACKLOG, Duration.ofSeconds(10), 0, 0))
        .hasMessageContaining("needs a wave");
  }
}
