package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** CPU load over whole windows: back-to-back callers share one value instead of microsecond windows. */
class ProcessCpuLoadTest {
  private final AtomicLong cpu = new AtomicLong();
  private final AtomicLong wall = new AtomicLong();
  private final ProcessCpuLoad load = new ProcessCpuLoad(cpu::get, wall::get, 2);

  @Test
  void unknownUntilTheFirstWindowCompletes() {
    wall.addAndGet(500_000_000L);
    cpu.addAndGet(500_000_000L);
    assertThat(load.load()).isNaN();
  }

  @Test
  void aWindowsCpuTimeOverWallTimeAndProcessors() {
    wall.addAndGet(1_000_000_000L);
    cpu.addAndGet(500_000_000L); // half a core of two
    assertThat(load.load()).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void callsInsideAWindowGetTheLastValueNotATinyWindowsRatio() {
    wall.addAndGet(1_000_000_000L);
    cpu.addAndGet(200_000_000L);
    assertThat(load.load()).isCloseTo(0.1, within(1e-9));
    // 10 us later the asking thread has been busy the whole time: a per-call window would say 50%.
    wall.addAndGet(10_000L);
    cpu.addAndGet(10_000L);
    assertThat(load.load()).isCloseTo(0.1, within(1e-9));
    wall.addAndGet(1_000_000_000L);
    cpu.addAndGet(2_000_000_000L - 10_000L);
    assertThat(load.load()).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void noCpuTimeMeansUnknown() {
    ProcessCpuLoad none = new ProcessCpuLoad(() -> -1, wall::get, 2);
    wall.addAndGet(2_000_000_000L);
    assertThat(none.load()).isNaN();
  }
}
