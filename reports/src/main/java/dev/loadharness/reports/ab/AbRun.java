package dev.loadharness.reports.ab;

import java.util.Objects;

/**
 * One run behind a comparison, for the list of runs in its outputs.
 *
 * @param arm {@code head} or {@code base}
 * @param round 1-based round (for a run-directory baseline: the run's position in it)
 * @param runId the run's id
 * @param verdict the run's own verdict against its scenario's thresholds (pass, fail, error)
 * @param directory the run directory, relative to the comparison directory when inside it
 */
public record AbRun(String arm, int round, String runId, String verdict, String directory) {
  public AbRun {
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(directory, "directory");
  }
}
