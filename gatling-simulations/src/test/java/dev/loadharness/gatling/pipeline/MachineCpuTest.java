package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The machine's busy CPU from /proc/stat's cpu line: idle and iowait are not busy, the rest is. */
class MachineCpuTest {
  @Test
  void busyShareBetweenTwoSamplesInPercentOfOneCore() {
    MachineCpu.Sample before = MachineCpu.parse("cpu  100 0 50 800 50 0 0 0 0 0");
    MachineCpu.Sample after = MachineCpu.parse("cpu  250 0 100 850 100 0 0 0 0 0");
    // 300 jiffies passed, 200 of them busy (user 150 + system 50): two thirds of 2 cores.
    assertThat(after.percentOfOneCoreSince(before, 2)).isCloseTo(133.33, org.assertj.core.data.Offset.offset(0.01));
    assertThat(before.percentOfOneCoreSince(before, 2)).isNull();
  }

  @Test
  void onlyTheCpuLineIsRead() {
    assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4")).hasMessageStartingWith("not the /proc/stat cpu line");
  }

  @Test
  void thisMachineAnswersOnLinux() {
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(MachineCpu.read()).isNotNull();
    }
  }
}
