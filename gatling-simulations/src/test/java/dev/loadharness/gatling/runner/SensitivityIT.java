package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.reports.record.Threshold;
import dev.loadharness.scenarios.spec.Calibration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calibrated gate on the dev server, in both directions: worker-load-128 unchanged passes every
 * calibrated bar, and with its activities made 2x slower (an injected regression) it fails, naming the
 * calibrated metric that caught it.
 */
class SensitivityIT {
  static final Path RUNS = LoadSuiteIT.RUNS;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void theCalibratedGatePassesUnchangedCodeAndFailsATwofoldActivitySlowdown() {
    Assumptions.assumeTrue(Calibration.load("worker-load-128", "dev-server").isPresent(),
        "no committed calibration of worker-load-128 on dev-server");
    Assumptions.assumeTrue(System.getenv("TEMPORAL_CLI") != null || onPath("temporal"),
        "the Temporal CLI (dev server) is not installed");

    RunOutcome clean = new LoadRunner(System.out).run(options(Map.of()));
    LoadSuiteIT.assertPassed(clean);
    assertThat(clean.record().thresholds()).filteredOn(t -> t.name().startsWith("calibrated: ")).isNotEmpty();

    RunOutcome slowed = new LoadRunner(System.out).run(options(Map.of("activity_slowdown", "2.0")));
    assertThat(slowed.exitCode()).isEqualTo(RunOutcome.BREACH);
    assertThat(slowed.breaches()).extracting(Threshold::name)
        .anyMatch(name -> name.startsWith("calibrated: end_to_end_p95_ms")
            || name.startsWith("calibrated: activity_schedule_to_start_p95_ms")
            || name.startsWith("calibrated: duration_s"));
  }

  private static RunOptions options(Map<String, String> inject) {
    return new RunOptions("worker-load-128", Optional.of("dev-server"), Optional.empty(), RUNS,
        Duration.ofSeconds(5), inject);
  }

  private static boolean onPath(String command) {
    return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
        .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, command)));
  }
}
