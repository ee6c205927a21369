package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.gate.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run ended with: the exit code (0 pass, 1 threshold breach, 2 bad input or environment failure),
 * the checks, and where the run directory is.
 *
 * @param message the reason for exit code 2 or a skip, empty otherwise
 */
public record RunOutcome(int exitCode, List<Check> checks, Path runDirectory, String message) {
  public static final int PASS = 0;
  public static final int BREACH = 1;
  public static final int ERROR = 2;

  public RunOutcome {
    checks = List.copyOf(checks);
  }

  /** The failed checks. */
  public List<Check> breaches() {
    return checks.stream().filter(c -> !c.pass()).toList();
  }
}
