package dev.loadharness.gatling.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriverProcessesTest {

  @Test
  void extraJvmOptionsAreSplitAtWhiteSpaceAndNoneWhenUnset() {
    assertThat(DriverProcesses.extraJvmOptions(null)).isEmpty();
    assertThat(DriverProcesses.extraJvmOptions("  ")).isEmpty();
    assertThat(DriverProcesses.extraJvmOptions(" -Xms64m\t-XX:StartFlightRecording=filename=d.jfr "))
        .containsExactly("-Xms64m", "-XX:StartFlightRecording=filename=d.jfr");
  }
}
