package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.Wave;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One of {@code count} slices of a run's load, after k6's execution segments: segment {@code index} drives
 * its share of the workflows, of the arrival rate or of the closed model's concurrency, and owns the
 * workflow sequence numbers {@code n} with {@code n % count == index}. Striping (rather than contiguous
 * ranges) keeps the mix's proportions in every segment, since the mix is a cycle over {@code n}; the slices
 * are disjoint and together cover every number, so the segments' workflow ids never collide and their
 * counts add up to the whole run's.
 *
 * @param index this segment, 0-based
 * @param count how many segments the run is split into
 */
public record Segment(int index, int count) {
  /** The whole run as one segment: what a single-machine run drives. */
  public static final Segment WHOLE = new Segment(0, 1);

  /** Validates {@code 0 <= index < count}. */
  public Segment {
    if (count < 1) {
      throw new IllegalArgumentException("segment count must be >= 1, was " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("segment index must be in [0, " + count + "), was " + index);
    }
  }

  /** All {@code count} segments of a run, in order. */
  public static List<Segment> split(int count) {
    return IntStream.range(0, count).mapToObj(i -> new Segment(i, count)).toList();
  }

  /** The run-wide sequence number of this segment's {@code local}-th workflow. */
  public long globalSequence(long local) {
    return index + local * count;
  }

  /** How many of {@code total} sequence numbers (0 to total - 1) are this segment's. */
  public int workflows(int total) {
    return total <= index ? 0 : (total - index + count - 1) / count;
  }

  /** This segment's share of {@code total} concurrent workflows: the remainder goes to the first segments. */
  public int concurrency(int total) {
    return total / count + (index < total % count ? 1 : 0);
  }

  /** This segment's share of an arrival rate. */
  public double rate(double total) {
    return total / count;
  }

  /** The spec this segment drives: the whole spec with the workflow count and injection scaled to its share. */
  public ScenarioSpec of(ScenarioSpec spec) {
    if (count == 1) {
      return spec;
    }
    Injection i = spec.injection();
    return spec.withLoad(workflows(spec.workflows()),
        new Injection(i.model(), i.duration(), rate(i.rate()), concurrency(i.concurrency()),
            i.wave().map(w -> i.model().open() ? w.share(count) : backlog(w))));
  }

  /** This segment's share of a backlog wave: whole workflows in flight at each end, the remainder to the first. */
  private Wave backlog(Wave w) {
    return new Wave(concurrency((int) w.low()), concurrency((int) w.high()), w.period());
  }

  /** Why {@code spec} cannot be split into {@code count} segments (one would drive nothing), or empty. */
  public static Optional<String> whyUnsplittable(ScenarioSpec spec, int count) {
    if (count < 1) {
      return Optional.of("segments: " + count + " is not allowed; at least 1");
    }
    if (spec.injection().model() == Injection.Model.BACKLOG) {
      Wave w = spec.injection().wave().orElseThrow();
      boolean flat = split(count).stream().anyMatch(s -> s.concurrency((int) w.high()) <= s.concurrency((int) w.low()));
      return flat ? Optional.of("segments: " + count + " segments of a backlog between " + (int) w.low() + " and "
          + (int) w.high() + " would leave a segment without a wave; at most " + (int) (w.high() - w.low()))
          : Optional.empty();
    }
    if (spec.injection().model() == Injection.Model.CLOSED) {
      return spec.injection().concurrency() < count
          ? Optional.of("segments: " + count + " segments of a closed model with injection.concurrency "
              + spec.injection().concurrency() + " would leave a segment idle; at most " + spec.injection().concurrency())
          : Optional.empty();
    }
    return spec.workflows() < count
        ? Optional.of("segments: " + count + " segments of " + spec.workflows() + " workflows would leave a segment "
            + "idle; at most " + spec.workflows())
        : Optional.empty();
  }

  /** The segment's name in records and logs: {@code segment-1} for index 0. */
  public String id() {
    return "segment-" + (index + 1);
  }
}
