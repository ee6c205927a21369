package dev.loadharness.gatling.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the knee of one configuration: steps the offered load upward by a factor until a step is not
 * sustainable, then bisects between the last sustainable and the first unsustainable load until they are
 * within the resolution of each other.
 *
 * <p>Why geometric steps and then bisection: capacity is unknown within orders of magnitude, so doubling finds
 * the bracket in log(capacity / start) steps, and bisection then halves the bracket per step; each step is a
 * run of its own, so the step count is the search's cost. Loads are rounded to whole workflows in flight for the
 * closed model (and to 0.1 wf/s for the open one), so the search stops once the bracket has no load between.
 *
 * @param <T> what one step measures
 */
public final class KneeSearch<T> {

  /**
   * How to search.
   *
   * @param start the first load
   * @param factor growth per upward step, > 1
   * @param maxSteps upward steps at most (the highest load is {@code start * factor^(maxSteps-1)})
   * @param resolution bisect until {@code (bad - good) / good <= resolution}
   * @param maxRefinements bisection steps at most
   * @param whole whether loads are whole numbers (workflows in flight)
   */
  public record Settings(double start, double factor, int maxSteps, double resolution, int maxRefinements,
      boolean whole) {
    public Settings {
      if (!(start > 0) || (whole && start < 1)) {
        throw new IllegalArgumentException("--start must be > 0" + (whole ? " and >= 1 workflow in flight" : "")
            + ", got " + start);
      }
      if (!(factor > 1) || factor > 10) {
        throw new IllegalArgumentException("--factor must be > 1 and <= 10, got " + factor);
      }
      if (maxSteps < 1 || maxSteps > 20) {
        throw new IllegalArgumentException("--max-steps must be 1 to 20, got " + maxSteps);
      }
      if (!(resolution > 0) || resolution >= 1) {
        throw new IllegalArgumentException("--resolution must be > 0 and < 1, got " + resolution);
      }
      if (maxRefinements < 0 || maxRefinements > 10) {
        throw new IllegalArgumentException("--max-refinements must be 0 to 10, got " + maxRefinements);
      }
    }

    /** {@code load} rounded as loads are run: whole workflows, or 0.1 wf/s. */
    double round(double load) {
      return whole ? Math.max(1, Math.round(load)) : Math.max(0.1, Math.round(load * 10) / 10.0);
    }
  }

  /** One step: the load it ran at, what it measured, and whether that was sustainable. */
  public record Judged<T>(double load, boolean refine, T value, boolean sustainable) {}

  /** Runs one step at a load; empty when the search must stop (a signal, a failed environment). */
  @FunctionalInterface
  public interface Probe<T> {
    /** Runs the step at {@code load}; {@code refine} tells bisection steps from upward ones. */
    Optional<Judged<T>> run(double load, boolean refine);
  }

  /**
   * Where the search ended.
   *
   * @param steps every step in the order run
   * @param good the highest sustainable load, if any
   * @param bad the lowest unsustainable load above it, if any
   * @param stopped whether a probe stopped the search
   */
  public record Result<T>(List<Judged<T>> steps, OptionalDouble good, OptionalDouble bad, boolean stopped) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  private final Settings settings;

  public KneeSearch(Settings settings) {
    this.settings = settings;
  }

  /** The search, each step run by {@code probe}. */
  public Result<T> run(Probe<T> probe) {
    List<Judged<T>> steps = new ArrayList<>();
    double good = Double.NaN;
    double bad = Double.NaN;
    double load = settings.round(settings.start());
    for (int i = 0; i < settings.maxSteps(); i++) {
      Optional<Judged<T>> step = probe.run(load, false);
      if (step.isEmpty()) {
        return result(steps, good, bad, true);
      }
      steps.add(step.get());
      if (!step.get().sustainable()) {
        bad = load;
        break;
      }
      good = load;
      double next = settings.round(load * settings.factor());
      load = next > load ? next : load + (settings.whole() ? 1 : 0.1);
    }
    if (Double.isNaN(good) || Double.isNaN(bad)) {
      return result(steps, good, bad, false);
    }
    for (int i = 0; i < settings.maxRefinements() && (bad - good) / good > settings.resolution(); i++) {
      double mid = settings.round((good + bad) / 2);
      if (mid <= good || mid >= bad) {
        break; // no load left between them at this rounding
      }
      Optional<Judged<T>> step = probe.run(mid, true);
      if (step.isEmpty()) {
        return result(steps, good, bad, true);
      }
      steps.add(step.get());
      if (step.get().sustainable()) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return result(steps, good, bad, false);
  }

  private static <T> Result<T> result(List<Judged<T>> steps, double good, double bad, boolean stopped) {
    return new Result<>(steps, Double.isNaN(good) ? OptionalDouble.empty() : OptionalDouble.of(good),
        Double.isNaN(bad) ? OptionalDouble.empty() : OptionalDouble.of(bad), stopped);
  }
}
