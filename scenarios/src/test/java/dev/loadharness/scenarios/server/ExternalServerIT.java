package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external kind against local servers: attach, unreachable, wrong TLS, secrets kept out. */
class ExternalServerIT {
  private static final String API_KEY = "tlh-test-api-key-do-not-print-9f8e7d";

  @TempDir Path dir;

  @Test
  void attachesToARunningServerAndLeavesItRunningOnClose() {
    try (InMemoryServer running = InMemoryServer.start("default")) {
      ServerEnvironment external = open(Map.of("TEMPORAL_SERVER", "external", "TEMPORAL_ADDRESS", running.target()));
      assertThat(external.kind()).isEqualTo(ServerKind.EXTERNAL);
      assertThat(external.target()).isEqualTo(running.target());
      external.close();
      RoundTrip.run(running); // still serving: external close must not stop a cluster it does not own
    }
  }

  @Test
  void anUnreachableAddressFailsWithinTheBoundNamingAddressAndCause() {
    int nobody = LoopbackPorts.freePort();
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                open(
                    Map.of(
                        "TEMPORAL_ADDRESS", "127.0.0.1:" + nobody,
                        "TEMPORAL_CONNECT_TIMEOUT", "2s",
                        "TEMPORAL_API_KEY", API_KEY)))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessageContaining("external server at 127.0.0.1:" + nobody + " is unreachable")
        .hasMessageContaining("UNAVAILABLE")
        .hasMessageNotContaining(API_KEY);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void tlsAgainstAPlaintextServerFailsNamingTheAddressAndTheHandshake() throws Exception {
    // A throwaway self-signed CA (tls/test-ca.pem, no key kept): any CA will do, the server speaks no TLS.
    Path ca = dir.resolve("ca.pem");
    try (var in = getClass().getResourceAsStream("/tls/test-ca.pem")) {
      Files.copy(in, ca);
    }
    try (InMemoryServer plaintext = InMemoryServer.start("default")) {
      assertThatThrownBy(
              () ->
                  open(
                      Map.of(
                          "TEMPORAL_ADDRESS", plaintext.target(),
                          "TEMPORAL_TLS_CA", ca.toString(),
                          "TEMPORAL_CONNECT_TIMEOUT", "2s")))
          .isInstanceOf(ServerEnvironmentException.class)
          .hasMessageContaining("external server at " + plaintext.target() + " is unreachable (TLS)")
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("ssl"));
    }
  }

  private ServerEnvironment open(Map<String, String> env) {
    SettingSource source = new SettingSource(env, new Properties());
    EnvironmentProbes probes =
        new EnvironmentProbes() {
          @Override
          public Optional<SettingSource.Setting> externalAddress() {
            return source.get("temporal.address", "TEMPORAL_ADDRESS");
          }

          @Override
          public DockerCheck docker(String image) {
            return new DockerCheck(DockerCheck.State.NO_ENGINE, image, "not asked in this test");
          }

          @Override
          public DockerCheck pull(String image) {
            return docker(image);
          }

          @Override
          public Optional<String> testcontainersBlocker() {
            return Optional.empty();
          }

          @Override
          public Optional<Path> temporalCli() {
            return Optional.empty();
          }
        };
    return new ServerEnvironments(source, probes).open(dir);
  }
}
