package dev.loadharness.gatling.runner;

import dev.loadharness.scenarios.spec.UserCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One load run as asked for.
 *
 * @param scenario a shipped scenario name or a spec file path
 * @param server overrides the spec's server kind ("auto" or a kind id)
 * @param workers overrides the spec's worker process count
 * @param out the runs directory; the run gets its own {@code <timestamp>-<scenario>} directory under it
 * @param progressEvery how often the progress line is printed
 * @param inject regressions to inject ({@code --inject knob=value}), replacing the spec's {@code inject}
 * @param workerCode the user's code for the workers ({@code --worker-classpath}), replacing the spec's
 */
public record RunOptions(String scenario, Optional<String> server, Optional<Integer> workers, Path out,
    Duration progressEvery, Map<String, String> inject, Optional<UserCode> workerCode) {

  public RunOptions {
    inject = Map.copyOf(inject);
    workerCode = workerCode == null ? Optional.empty() : workerCode;
  }

  /** Options without user worker code. */
  public RunOptions(String scenario, Optional<String> server, Optional<Integer> workers, Path out,
      Duration progressEvery, Map<String, String> inject) {
    this(scenario, server, workers, out, progressEvery, inject, Optional.empty());
  }

  /** Options without injected regressions. */
  public RunOptions(String scenario, Optional<String> server, Optional<Integer> workers, Path out,
      Duration progressEvery) {
    this(scenario, server, workers, out, progressEvery, Map.of());
  }

  /** The defaults of {@code scripts/load}. */
  public static RunOptions of(String scenario) {
    return new RunOptions(scenario, Optional.empty(), Optional.empty(), Path.of("runs"), Duration.ofSeconds(2));
  }

  /** A copy writing under {@code dir}. */
  public RunOptions withOut(Path dir) {
    return new RunOptions(scenario, server, workers, dir, progressEvery, inject, workerCode);
  }

  /** A copy with the server kind set. */
  public RunOptions withServer(String kind) {
    return new RunOptions(scenario, Optional.of(kind), workers, out, progressEvery, inject, workerCode);
  }
}
