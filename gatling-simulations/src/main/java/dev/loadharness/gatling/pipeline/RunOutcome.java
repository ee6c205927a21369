package dev.loadharness.gatling.pipeline;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.reports.record.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run ended with: the exit code (0 pass, 1 threshold breach, 2 bad input or environment failure),
 * the run record when one was written, and where the run directory is.
 *
 * @param record the run record, null when the run ended before one could be written (bad input) or was
 *     skipped
 * @param runDirectory the run directory, null when none was created
 * @param message the reason for exit code 2 or a skip, empty otherwise
 */
public record RunOutcome(int exitCode, RunRecord record, Path runDirectory, String message) {
  public static final int PASS = 0;
  public static final int BREACH = 1;
  public static final int ERROR = 2;

  /** The outcome of a written record: its verdict decides the exit code. */
  public static RunOutcome of(RunRecord record, Path runDirectory) {
    int code = switch (record.verdict()) {
      case PASS -> PASS;
      case FAIL -> BREACH;
      case ERROR -> ERROR;
      case INTERRUPTED -> Signals.received().map(Signals.Received::exitCode).orElse(130);
    };
    return new RunOutcome(code, record, runDirectory, record.error() == null ? "" : record.error());
  }

  /** The run record, if one was written. */
  public Optional<RunRecord> runRecord() {
    return Optional.ofNullable(record);
  }

  /** The thresholds that failed. */
  public List<Threshold> breaches() {
    return record == null ? List.of() : record.thresholds().stream().filter(t -> !t.pass()).toList();
  }

  /** Whether the run passed every threshold. */
  public boolean passed() {
    return record != null && record.verdict() == Verdict.PASS;
  }
}
