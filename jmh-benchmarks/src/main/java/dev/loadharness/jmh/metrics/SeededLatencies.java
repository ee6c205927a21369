package dev.loadharness.jmh.metrics;

import java.util.SplittableRandom;

/** The metrics benchmarks' samples: seeded log-normal latencies, median 20 ms, as a worker's timers see them. */
final class SeededLatencies {
  private SeededLatencies() {}

  /** The next latency in milliseconds from {@code random}. */
  static double millis(SplittableRandom random) {
    return Math.exp(Math.log(20) + 0.8 * gaussian(random));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
