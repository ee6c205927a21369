package dev.loadharness.reports.compare;

import dev.loadharness.reports.record.RunRecord;
import java.util.Objects;

/**
 * One run of a comparison session.
 *
 * @param round 1-based round; every setting runs once per round, so runs of one round are paired
 * @param setting the worker runtime setting the run used (e.g. {@code fixed}, {@code adaptive})
 * @param record the run's record
 */
public record ComparedRun(int round, String setting, RunRecord record) {

  public ComparedRun {
    if (round < 1) {
      throw new IllegalArgumentException("round must be >= 1, was " + round);
    }
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(record, "record");
  }
}
