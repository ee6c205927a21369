package dev.loadharness.scenarios.catalog;

import dev.loadharness.scenarios.catalog.WorkflowKind.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kitchen-sink fuzzer's plan for one run of one workflow: a random sequence of activities, parallel
 * activities, timers, signal waits and child workflows, and whether the run continues as new.
 *
 * <p>A plan is a pure function of the spec's {@code seed} parameter, the workflow's own seed (the driver
 * derives it from the workflow's index in the run) and the run's index in its continue-as-new chain. The
 * workflow regenerates its plan from its input on every replay, so replay stays deterministic, and the
 * same spec (its seed is recorded in the run record's workload) reproduces the same trees. Children and
 * signal waits come only in the first run of a workflow: the driver and a parent signal the run they
 * started, which cannot end before it has seen every signal it waits for, and the tree stays bounded by
 * {@code children^depth} workflows per root.
 *
 * @param steps what the run does, in order
 * @param runs how many runs the workflow's continue-as-new chain has (1 = it never continues)
 * @param run this run's index in the chain, 0-based
 */
public record KitchenSinkPlan(List<Step> steps, int runs, int run) {
  /** The kind's parameters and their defaults; {@code seed} chooses the trees. */
  public static final Map<String, Integer> DEFAULTS = Map.of("seed", 1, "depth", 2, "steps", 6, "children", 2,
      "continues", 1, "signals", 2, "timer_ms", 200, "cpu_ms", 5, "io_ms", 50);

  /** Bounds that keep a tree finite and a run inside an ordinary time budget. */
  public static final Map<String, Range> RANGES = Map.of("seed", new Range(0, Integer.MAX_VALUE),
      "depth", new Range(0, 3), "steps", new Range(1, 20), "children", new Range(0, 3), "continues", new Range(0, 3),
      "signals", new Range(0, 5), "timer_ms", new Range(1, 5_000), "cpu_ms", new Range(0, 100),
      "io_ms", new Range(0, 2_000));

  /** The internal parameter holding the run's index in its continue-as-new chain. */
  static final String RUN = "run";

  public KitchenSinkPlan {
    steps = List.copyOf(steps);
  }

  /** What one step does. */
  public enum Op { CPU, IO, PARALLEL, TIMER, AWAIT_SIGNAL, CHILD }

  /**
   * One step of a plan.
   *
   * @param op what it does
   * @param value its size: ms of CPU or IO, the parallel width, the timer's ms, the child's index
   */
  public record Step(Op op, int value) {}

  /** The plan of the run {@code shape} describes. */
  public static KitchenSinkPlan of(Shape shape) {
    int run = shape.get(RUN, 0);
    long base = shape.get("seed", 1) * 0x9E3779B97F4A7C15L + shape.seed();
    int runs = 1 + new SplittableRandom(base ^ 0x632BE59BD9B4E019L).nextInt(shape.get("continues", 1) + 1);
    SplittableRandom random = new SplittableRandom(base + run * 0xBF58476D1CE4E5B9L);
    int count = 1 + random.nextInt(shape.get("steps", 6));
    int childrenLeft = run == 0 && shape.get("depth", 2) > 0 ? shape.get("children", 2) : 0;
    int signalsLeft = run == 0 ? shape.get("signals", 2) : 0;
    List<Step> steps = new ArrayList<>();
    int child = 0;
    for (int i = 0; i < count; i++) {
      Op op = pick(random, childrenLeft > 0, signalsLeft > 0);
      switch (op) {
        case CPU -> steps.add(new Step(op, random.nextInt(shape.get("cpu_ms", 5) + 1)));
        case IO -> steps.add(new Step(op, random.nextInt(shape.get("io_ms", 50) + 1)));
        case PARALLEL -> steps.add(new Step(op, 2 + random.nextInt(3)));
        case TIMER -> steps.add(new Step(op, 1 + random.nextInt(shape.get("timer_ms", 200))));
        case AWAIT_SIGNAL -> {
          steps.add(new Step(op, 0));
          signalsLeft--;
        }
        case CHILD -> {
          steps.add(new Step(op, child++));
          childrenLeft--;
        }
      }
    }
    return new KitchenSinkPlan(steps, runs, run);
  }

  /** Weights: activities and timers always; signal waits and children while the first run has some left. */
  private static Op pick(SplittableRandom random, boolean children, boolean signals) {
    int total = 20 + 15 + 15 + 20 + (signals ? 15 : 0) + (children ? 15 : 0);
    int roll = random.nextInt(total);
    if ((roll -= 20) < 0) {
      return Op.CPU;
    }
    if ((roll -= 15) < 0) {
      return Op.IO;
    }
    if ((roll -= 15) < 0) {
      return Op.PARALLEL;
    }
    if ((roll -= 20) < 0) {
      return Op.TIMER;
    }
    return signals && roll < 15 ? Op.AWAIT_SIGNAL : Op.CHILD;
  }

  /** Signals this run waits for: the driver sends them to a root, the parent to a child. */
  public int signals() {
    return (int) steps.stream().filter(s -> s.op() == Op.AWAIT_SIGNAL).count();
  }

  /** Whether this run ends by continuing as new. */
  public boolean continuesAsNew() {
    return run + 1 < runs;
  }

  /** The input of the next run in the chain. */
  public static Shape next(Shape shape) {
    return shape.with(RUN, shape.get(RUN, 0) + 1);
  }

  /** The input of child {@code index} of the workflow {@code shape} describes: one level less deep, its own seed. */
  public static Shape child(Shape shape, int index) {
    Shape below = new Shape(shape.kind(), shape.params(), shape.seed() * 31 + index + 1);
    return below.with("depth", shape.get("depth", 2) - 1).with(RUN, 0);
  }

  /** Workflow executions (runs of the root and of every child) the tree of {@code shape} has. */
  public static int executions(Shape shape) {
    int total = 0;
    for (Shape run = shape; ; run = next(run)) {
      KitchenSinkPlan plan = of(run);
      total++;
      for (Step s : plan.steps()) {
        if (s.op() == Op.CHILD) {
          total += executions(child(run, s.value()));
        }
      }
      if (!plan.continuesAsNew()) {
        return total;
      }
    }
  }
}
