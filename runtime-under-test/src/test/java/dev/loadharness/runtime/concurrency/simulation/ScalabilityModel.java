package dev.loadharness.runtime.concurrency.simulation;

/**
 * How a worker plus its downstream slow down with concurrency: Gunther's Universal Scalability Law,
 * {@code X(N) = N / (S * (1 + sigma (N - 1) + kappa N (N - 1)))}. Contention (sigma) flattens the
 * curve; coherency (kappa) makes it retrograde, so too many slots lower throughput: the collapse an
 * adaptive limit must avoid.
 *
 * @param baseServiceMillis service time of one task running alone
 * @param sigma contention coefficient, >= 0
 * @param kappa coherency coefficient, >= 0
 */
record ScalabilityModel(double baseServiceMillis, double sigma, double kappa) {

  ScalabilityModel {
    if (!(baseServiceMillis > 0) || sigma < 0 || kappa < 0) {
      throw new IllegalArgumentException("bad model: " + baseServiceMillis + ", " + sigma + ", " + kappa);
    }
  }

  /** How many times longer a task takes with {@code n} tasks in flight than alone. */
  double slowdown(int n) {
    return n <= 1 ? 1 : 1 + sigma * (n - 1) + kappa * n * (double) (n - 1);
  }

  /** Tasks per second with {@code n} in flight and service times scaled by {@code factor}. */
  double throughput(int n, double factor) {
    return n * 1000.0 / (baseServiceMillis * factor * slowdown(n));
  }

  /** The best throughput any fixed concurrency reaches (the USL peak), tasks per second. */
  double peakThroughput(double factor) {
    double best = 0;
    for (int n = 1; n <= 10_000; n++) {
      best = Math.max(best, throughput(n, factor));
    }
    return best;
  }
}
