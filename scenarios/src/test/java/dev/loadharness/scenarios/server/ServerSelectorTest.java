package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSelectorTest {

  private static ServerSettings settings(Map<String, String> env) {
    return ServerSettings.from(new SettingSource(env, new Properties()));
  }

  private static final ServerSettings AUTO = settings(Map.of());

  @Test
  void autoPrefersAnExternalAddressOverEverythingElse() {
    var selection = ServerSelector.select(AUTO, FakeProbes.none().withDocker().withCli("/bin/temporal").withAddress("h:7233"));
    assertThat(selection.kind()).isEqualTo(ServerKind.EXTERNAL);
    assertThat(selection.reason()).isEqualTo("auto: TEMPORAL_ADDRESS is set to h:7233");
  }

  @Test
  void autoPicksTestcontainersWhenDockerAnswersAndNoAddress() {
    var selection = ServerSelector.select(AUTO, FakeProbes.none().withDocker().withCli("/bin/temporal"));
    assertThat(selection.kind()).isEqualTo(ServerKind.TESTCONTAINERS);
    assertThat(selection.line())
        .isEqualTo("Temporal server: testcontainers (auto: no TEMPORAL_ADDRESS; the Docker engine has "
            + PinnedVersions.temporalImage() + ")");
  }

  @Test
  void autoSkipsAnEngineWithoutTheImageAndNamesTheCommandThatBuildsIt() {
    var selection =
        ServerSelector.select(
            settings(Map.of("TEMPORAL_IMAGE", "example/temporal:9")),
            FakeProbes.none().withDockerWithoutImage(DockerCheck.State.READY).withCli("/opt/temporal"));
    assertThat(selection.kind()).isEqualTo(ServerKind.DEV_SERVER);
    assertThat(selection.reason())
        .isEqualTo("auto: no TEMPORAL_ADDRESS, Docker has no example/temporal:9 (scripts/build-temporal-image builds one); "
            + "Temporal CLI found at /opt/temporal");
  }

  @Test
  void theImageComesFromThePropertyOrTheVariableElseThePin() {
    assertThat(AUTO.image()).isEqualTo(PinnedVersions.temporalImage()).startsWith("temporalio/temporal:");
    assertThat(settings(Map.of("TEMPORAL_IMAGE", "mine/temporal:1")).image()).isEqualTo("mine/temporal:1");
    Properties props = new Properties();
    props.setProperty("temporal.image", "prop/temporal:2");
    assertThat(ServerSettings.from(new SettingSource(Map.of("TEMPORAL_IMAGE", "mine/temporal:1"), props)).image())
        .isEqualTo("prop/temporal:2");
  }

  @Test
  void autoPicksTheDevServerWhenOnlyTheCliIsThere() {
    var selection = ServerSelector.select(AUTO, FakeProbes.none().withCli("/opt/temporal"));
    assertThat(selection.kind()).isEqualTo(ServerKind.DEV_SERVER);
    assertThat(selection.reason()).endsWith("Temporal CLI found at /opt/temporal");
  }

  @Test
  void autoFallsBackToInMemoryAndSaysHowToGetMore() {
    var selection = ServerSelector.select(AUTO, FakeProbes.none());
    assertThat(selection.kind()).isEqualTo(ServerKind.IN_MEMORY);
    assertThat(selection.reason()).contains("no Temporal CLI").contains("scripts/install-temporal-cli");
  }

  @Test
  void anExplicitKindWinsOverProbesAndNamesItsSource() {
    var selection =
        ServerSelector.select(settings(Map.of("TEMPORAL_SERVER", "In-Memory")), FakeProbes.none().withAddress("h:1"));
    assertThat(selection.kind()).isEqualTo(ServerKind.IN_MEMORY);
    assertThat(selection.reason()).isEqualTo("requested by TEMPORAL_SERVER");
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentVariable() {
    Properties props = new Properties();
    props.setProperty("temporal.server", "dev-server");
    var settings = ServerSettings.from(new SettingSource(Map.of("TEMPORAL_SERVER", "in-memory"), props));
    var selection = ServerSelector.select(settings, FakeProbes.none());
    assertThat(selection.kind()).isEqualTo(ServerKind.DEV_SERVER);
    assertThat(selection.reason()).isEqualTo("requested by -Dtemporal.server");
  }

  @Test
  void anUnknownKindListsTheValidOnes() {
    assertThatThrownBy(() -> settings(Map.of("TEMPORAL_SERVER", "docker")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown Temporal server kind 'docker' (from TEMPORAL_SERVER); valid kinds: "
                + "auto, in-memory, dev-server, testcontainers, external");
  }
}
