package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs where a Docker engine answers (GitHub Actions); reported skipped with the reason elsewhere. */
class ContainerServerIT {

  @Test
  void runsAWorkflowAgainstThePinnedImage() {
    assumeTrue(
        new SystemProbes(SettingSource.system()).dockerAvailable(),
        "no Docker engine answered: the testcontainers kind runs only where Docker exists (e.g. GitHub Actions)");
    try (TestcontainersServer server = TestcontainersServer.start("load-harness", Duration.ofMinutes(3))) {
      assertThat(server.kind()).isEqualTo(ServerKind.TESTCONTAINERS);
      RoundTrip.run(server);
    }
  }
}
