package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testcontainers kind against a real Docker engine: the configured image ({@code TEMPORAL_IMAGE},
 * default the pinned official one; .ci/run builds a local one). Reported skipped, with the bounded
 * probe's reason, where no engine answers, the image is neither present nor pullable, or a helper image
 * Testcontainers needs cannot be had (TestcontainersPreflight).
 */
class ContainerServerIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void runsAWorkflowAgainstTheConfiguredImage() {
    SettingSource system = SettingSource.system();
    ServerSettings settings = ServerSettings.from(system).withRequested("testcontainers", "ContainerServerIT");
    SystemProbes probes = new SystemProbes(system);
    DockerCheck check = probes.docker(settings.image());
    assumeTrue(check.state() != DockerCheck.State.NO_ENGINE, check.detail());
    if (check.state() == DockerCheck.State.IMAGE_ABSENT) {
      check = probes.pull(settings.image());
      assumeTrue(check.ready(), check.detail());
    }
    var blocker = probes.testcontainersBlocker();
    assumeTrue(blocker.isEmpty(), () -> blocker.orElse(""));
    try (ServerEnvironment server = new ServerEnvironments(system, probes).open(settings, dir)) {
      assertThat(server.kind()).isEqualTo(ServerKind.TESTCONTAINERS);
      assertThat(server.toString()).startsWith("testcontainers server " + settings.image() + " at ");
      assertThat(server.serverVersion()).isNotBlank();
      RoundTrip.run(server);
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void anImageThatCannotBeHadFailsWithinFifteenSecondsNamingItAndTheBuildCommand() {
    SettingSource system = SettingSource.system();
    SystemProbes probes = new SystemProbes(system);
    String absent = "temporal-load-harness/absent:" + UUID.randomUUID();
    DockerCheck check = probes.docker(absent);
    assumeTrue(check.state() != DockerCheck.State.NO_ENGINE, check.detail());

    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.put("TEMPORAL_SERVER", "testcontainers");
    env.put("TEMPORAL_IMAGE", absent);
    SettingSource source = new SettingSource(env, new Properties());
    long start = System.nanoTime();
    assertThatThrownBy(() -> new ServerEnvironments(source, new SystemProbes(source)).open(dir))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessageStartingWith("testcontainers cannot start: the Docker engine at ")
        .hasMessageContaining("image " + absent + " is missing: pulling it ")
        .hasMessageContaining("scripts/build-temporal-image");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
  }
}
