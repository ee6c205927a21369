package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

  private static ServerSettings read(Map<String, String> env) {
    return ServerSettings.from(new SettingSource(env, new Properties()));
  }

  @Test
  void defaultsAreAutoDefaultNamespaceSixtySecondsAndAnyPort() {
    ServerSettings settings = read(Map.of());
    assertThat(settings.requested()).isEqualTo("auto");
    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.devServerPort()).isZero();
    assertThat(settings.devServerDb()).isEmpty();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void durationsAcceptMillisSecondsMinutesAndBareSeconds() {
    assertThat(read(Map.of("TEMPORAL_SERVER_READY_TIMEOUT", "500ms")).readyTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(read(Map.of("TEMPORAL_SERVER_READY_TIMEOUT", "2m")).readyTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(read(Map.of("TEMPORAL_SERVER_READY_TIMEOUT", "90")).readyTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aBadDurationNamesTheVariableTheValueAndTheForm() {
    assertThatThrownBy(() -> read(Map.of("TEMPORAL_SERVER_READY_TIMEOUT", "soon")))
        .hasMessage("TEMPORAL_SERVER_READY_TIMEOUT: 'soon' is not a positive duration; use e.g. 60s, 500ms or 2m");
    assertThatThrownBy(() -> read(Map.of("TEMPORAL_CONNECT_TIMEOUT", "0s")))
        .hasMessageStartingWith("TEMPORAL_CONNECT_TIMEOUT: '0s' is not a positive duration");
  }

  @Test
  void aBadPortNamesTheRange() {
    assertThatThrownBy(() -> read(Map.of("TEMPORAL_DEV_SERVER_PORT", "70000")))
        .hasMessage("TEMPORAL_DEV_SERVER_PORT: '70000' is not a whole number in 0..65535");
  }
}
