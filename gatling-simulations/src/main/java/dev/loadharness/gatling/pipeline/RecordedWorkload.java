package dev.loadharness.gatling.pipeline;

import dev.loadharness.reports.record.Workload;
import dev.loadharness.scenarios.spec.Injection;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import java.time.Duration;
import java.util.List;

/**
 * The run record's {@code workload} from a scenario spec: everything of the spec, besides the worker
 * settings (recorded as {@code runtime}), that changes what a run measures. The trend store keys
 * comparisons on it, so two runs of one scenario name with a different mix or arrival rate never share a
 * baseline.
 */
final class RecordedWorkload {

  private RecordedWorkload() {}

  /** The workload {@code spec} drives. */
  static Workload of(ScenarioSpec spec) {
    List<Workload.MixEntry> mix = spec.mix().stream().map(RecordedWorkload::entry).toList();
    Injection i = spec.injection();
    return new Workload(spec.workflows(), mix,
        new Workload.Injection(i.model().id(), seconds(i.duration()), i.rate(), i.concurrency(),
            i.wave().map(w -> new Workload.Wave(w.low(), w.high(), seconds(w.period()))).orElse(null)),
        seconds(spec.warmUp()), spec.warmUpWorkflows(),
        spec.workers().killOneAfter().map(RecordedWorkload::seconds).orElse(null));
  }

  private static Workload.MixEntry entry(WorkloadEntry e) {
    // A user's type is recorded by its type name; its arguments template is in the spec, not in the trend key.
    return new Workload.MixEntry(e.label(), e.weight(), e.params());
  }

  private static double seconds(Duration d) {
    return d == null ? 0 : d.toMillis() / 1000.0;
  }
}
