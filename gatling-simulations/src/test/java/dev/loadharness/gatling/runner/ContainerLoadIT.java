package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The smoke scenario on the testcontainers kind, as {@code scripts/load smoke --server testcontainers}
 * runs it: the configured image ({@code TEMPORAL_IMAGE}; .ci/run builds a local one), real worker JVMs.
 * Skipped with the bounded probe's reason where no engine answers or Testcontainers could not start.
 */
class ContainerLoadIT {

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void smokePassesOnTestcontainers() {
    SettingSource system = SettingSource.system();
    String image = ServerSettings.from(system).image();
    SystemProbes probes = new SystemProbes(system);
    DockerCheck check = probes.docker(image);
    if (check.state() == DockerCheck.State.IMAGE_ABSENT) {
      check = probes.pull(image);
    }
    assumeTrue(check.ready(), check.detail());
    var blocker = probes.testcontainersBlocker();
    assumeTrue(blocker.isEmpty(), () -> blocker.orElse(""));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome outcome =
        new LoadRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(RunOptions.of("smoke").withOut(LoadSuiteIT.RUNS).withServer("testcontainers"));
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(output);

    LoadSuiteIT.assertPassed(outcome);
    assertThat(output).contains("server: testcontainers ");
    RunRecord record = RunRecords.read(outcome.runDirectory().resolve("run.json"));
    assertThat(record.verdict()).isEqualTo(Verdict.PASS);
    assertThat(record.load().completed()).isEqualTo(record.load().started()).isEqualTo(12);
  }
}
