package dev.loadharness.scenarios.server;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import dev.loadharness.scenarios.server.docker.DockerProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Finds, within seconds, what would make Testcontainers block before it starts our container. Before
 * its first container, Testcontainers starts its cleanup container (ryuk) and, when it runs inside a
 * container itself and the engine's bridge network has no gateway, a tiny image to find the host's
 * address; each is pulled if absent, and a pull without a registry is retried for minutes (measured:
 * about 7). Both helper images are checked here with the bounded probe, pulling them with the same
 * bounds where they are absent, so an unreachable registry is reported with the setting that avoids it.
 */
final class TestcontainersPreflight {
  static final Duration HELPER_PULL_TIMEOUT = Duration.ofMinutes(2);
  /**
   * The helper images Testcontainers (the pinned version) hard-codes: in {@code RyukContainer} and
   * {@code DockerClientFactory.TINY_IMAGE}, not in its configuration API. TestcontainersPreflightTest
   * reads them from the jar, so a Testcontainers upgrade that changes them fails the build.
   */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  static final String TINY_IMAGE = "alpine:3.17";

  private final DockerProbe docker;
  private final Map<String, String> env;
  private final boolean inContainer;

  TestcontainersPreflight(DockerProbe docker, Map<String, String> env, boolean inContainer) {
    this.docker = docker;
    this.env = env;
    this.inContainer = inContainer;
  }

  Optional<String> blocker() {
    // The same test Testcontainers' ResourceReaper applies.
    if (!Boolean.parseBoolean(env.get("TESTCONTAINERS_RYUK_DISABLED"))) {
      DockerCheck ryuk = available(RYUK_IMAGE);
      if (!ryuk.ready()) {
        return Optional.of(
            "Testcontainers first starts its cleanup container " + ryuk.image() + ", and " + ryuk.detail()
                + "; where no registry is reachable set TESTCONTAINERS_RYUK_DISABLED=true "
                + "(the harness stops its server container itself)");
      }
    }
    if (inContainer && docker.unixSocket() && hostOverride().isEmpty()) {
      Optional<String> gateway;
      try {
        gateway = docker.bridgeGateway();
      } catch (IOException e) {
        return Optional.of("the Docker engine did not describe its bridge network: " + e.getMessage());
      }
      if (gateway.isEmpty()) {
        DockerCheck tiny = available(TINY_IMAGE);
        if (!tiny.ready()) {
          return Optional.of(
              "Testcontainers runs inside a container here (/.dockerenv) and the bridge network has no gateway, so it "
                  + "would start " + tiny.image() + " to find the host's address, and " + tiny.detail()
                  + "; set TESTCONTAINERS_HOST_OVERRIDE=localhost, or start dockerd with --bip 172.17.0.1/16");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> hostOverride() {
    String fromEnv = env.get("TESTCONTAINERS_HOST_OVERRIDE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv);
    }
    return Optional.ofNullable(TestcontainersConfiguration.getInstance().getEnvVarOrUserProperty("host.override", null))
        .filter(s -> !s.isBlank());
  }

  private DockerCheck available(String image) {
    DockerCheck check = docker.check(image);
    return check.state() == DockerCheck.State.IMAGE_ABSENT ? docker.pull(image, HELPER_PULL_TIMEOUT) : check;
  }
}
