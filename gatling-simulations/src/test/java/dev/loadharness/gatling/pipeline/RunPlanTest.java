package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlanTest {
  @TempDir Path runs;

  @Test
  void twoRunsOfOneSpecPlannedInOneSecondGetTwoDirectories() throws Exception {
    ScenarioSpec spec = ScenarioSpecs.load("smoke");
    RunPlan first;
    RunPlan second;
    int attempt = 0;
    do { // both in one second of the stamp, the case that collided; a fresh directory per attempt
      Path out = runs.resolve("attempt-" + attempt++);
      first = RunPlan.create(spec, out, "same", Duration.ofSeconds(1));
      second = RunPlan.create(spec, out, "same", Duration.ofSeconds(1));
    } while (first.startedAt().getEpochSecond() != second.startedAt().getEpochSecond());
    assertThat(second.runDir()).isNotEqualTo(first.runDir()).isDirectory();
    assertThat(second.runDir().getFileName().toString()).isEqualTo(first.runDir().getFileName() + "-2");
  }
}
