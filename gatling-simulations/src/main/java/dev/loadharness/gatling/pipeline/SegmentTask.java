package dev.loadharness.gatling.pipeline;

import dev.loadharness.gatling.driver.Segment;
import dev.loadharness.scenarios.spec.Regressions;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.util.Map;

/**
 * What a driver needs to run one segment of a distributed run (a Temporal activity's input, so plain
 * values): the run's identity, from which the task queue and workflow ids derive exactly as the coordinator's
 * plan derives them, the spec as text (a driver may not have the file; it parses and validates it as
 * {@code scripts/load} does) with the injected regressions, and which segment.
 *
 * @param runId the coordinator's run id
 * @param plannedAtMs when the coordinator planned the run, epoch ms
 * @param specSource where the spec text came from, for error messages
 * @param specText the spec, YAML or JSON
 * @param inject the {@code --inject} regressions, empty for none
 * @param index the segment, 0-based
 * @param count how many segments
 * @param progressEveryMs tick interval of the series
 * @param namespace the namespace of the cluster under test (a driver checks its own connection against it)
 * @param workerQueue the external worker fleet's task queue, null when the run started its own workers
 */
public record SegmentTask(String runId, long plannedAtMs, String specSource, String specText,
    Map<String, String> inject, int index, int count, long progressEveryMs, String namespace, String workerQueue) {

  /** Validates the identity and the segment. */
  public SegmentTask {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("segment task: run_id must be non-blank");
    }
    if (specText == null || specText.isBlank()) {
      throw new IllegalArgumentException("segment task: spec text must be non-blank");
    }
    inject = inject == null ? Map.of() : Map.copyOf(inject);
    new Segment(index, count);
    if (progressEveryMs <= 0) {
      throw new IllegalArgumentException("segment task: progress interval must be > 0 ms, was " + progressEveryMs);
    }
  }

  /** The task of {@code segment} of the run {@code plan} describes, its spec read from {@code nameOrPath}. */
  public static SegmentTask of(RunPlan plan, String nameOrPath, Map<String, String> inject, Segment segment,
      String namespace) {
    return new SegmentTask(plan.runId(), plan.startedAt().toEpochMilli(), nameOrPath, ScenarioSpecs.text(nameOrPath),
        inject, segment.index(), segment.count(), plan.progressEvery().toMillis(), namespace,
        plan.workerQueue().orElse(null));
  }

  /** The spec, parsed and validated, with the injected regressions. */
  public ScenarioSpec spec() {
    ScenarioSpec spec = ScenarioSpecs.parse(specSource, specText);
    return inject.isEmpty() ? spec : spec.withRegressions(Regressions.parse(inject));
  }

  /** The segment. */
  public Segment segment() {
    return new Segment(index, count);
  }
}
