package dev.loadharness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.jmh.payload.PayloadSizes;
import dev.loadharness.jmh.payload.ScenarioPayloads;
import org.junit.jupiter.api.Test;

class PayloadSizesTest {

  @Test
  void payloadsAreSeededAndNearTheirTargetSize() {
    assertThat(ScenarioPayloads.order(65536, 7)).isEqualTo(ScenarioPayloads.order(65536, 7));
    int plain = PayloadSizes.measure(65536, 7).plainBytes();
    assertThat(plain).isBetween(60_000, 72_000);
  }

  @Test
  void theCodecShrinksTypicalPayloads() {
    // Scenario payloads repeat field names and a small vocabulary, as real ones do: DEFLATE must win.
    assertThat(PayloadSizes.measure(1024, 7).ratio()).isGreaterThan(1.5);
    assertThat(PayloadSizes.measure(65536, 7).ratio()).isGreaterThan(2.0);
  }
}
