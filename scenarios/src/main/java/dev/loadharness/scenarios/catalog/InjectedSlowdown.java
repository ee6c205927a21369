package dev.loadharness.scenarios.catalog;

/**
 * The injected activity slowdown of this worker process (1 = none): set once at worker start from
 * {@code --inject-activity-slowdown}, read by every activity. A process-wide value because the SDK
 * instantiates activities from the catalog, with no per-run configuration path.
 */
public final class InjectedSlowdown {
  private static volatile double factor = 1.0;

  private InjectedSlowdown() {}

  /** Sets the factor for this process. */
  public static void set(double value) {
    if (!(value >= 1.0)) {
      throw new IllegalArgumentException("activity slowdown must be >= 1, got " + value);
    }
    factor = value;
  }

  /** {@code millis} scaled by the factor. */
  static int scale(int millis) {
    return (int) Math.round(millis * factor);
  }
}
