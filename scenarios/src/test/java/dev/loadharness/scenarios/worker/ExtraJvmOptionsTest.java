package dev.loadharness.scenarios.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtraJvmOptionsTest {

  @Test
  void optionsAreSplitAtWhiteSpaceAndNoneWhenUnset() {
    assertThat(ExtraJvmOptions.split(null)).isEmpty();
    assertThat(ExtraJvmOptions.split("  ")).isEmpty();
    assertThat(ExtraJvmOptions.split(" -Xms64m\t-XX:StartFlightRecording=filename=d.jfr "))
        .containsExactly("-Xms64m", "-XX:StartFlightRecording=filename=d.jfr");
  }
}
