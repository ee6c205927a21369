package dev.loadharness.runtime.config;

import java.time.Duration;

/** Range checks that fail with a {@link ConfigException} naming the variable. */
final class Check {
  private Check() {}

  static int range(String variable, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(variable, value, "an integer in " + min + ".." + max);
    }
    return value;
  }

  static double fraction(String variable, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new ConfigException(variable, value, "a number in (0, 1]");
    }
    return value;
  }

  static Duration millis(String variable, Duration value, long minMillis, long maxMillis) {
    if (value == null) {
      throw new ConfigException(variable, null, "milliseconds in " + minMillis + ".." + maxMillis);
    }
    long ms = value.toMillis();
    if (ms < minMillis || ms > maxMillis) {
      throw new ConfigException(variable, ms, "milliseconds in " + minMillis + ".." + maxMillis);
    }
    return value;
  }

  static String nonBlank(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(variable, value == null ? "" : value, "a non-blank string");
    }
    return value;
  }
}
