package dev.loadharness.scenarios.worker;

import java.util.List;

/**
 * JVM options a user adds to the processes a run starts, from an environment variable
 * ({@link #WORKERS} for worker JVMs, {@link #DRIVERS} for a distributed run's drivers): split at white space
 * and appended after the harness's own options so they win (e.g. {@code -XX:StartFlightRecording=...} to
 * profile one, or a larger {@code -Xmx}).
 */
public final class ExtraJvmOptions {
  /** The worker JVMs' extra options. */
  public static final String WORKERS = "TLH_WORKER_JAVA_OPTS";
  /** The driver JVMs' extra options. */
  public static final String DRIVERS = "TLH_DRIVER_JAVA_OPTS";

  private ExtraJvmOptions() {}

  /** The options in the environment variable {@code name}; none when it is unset or blank. */
  public static List<String> fromEnvironment(String name) {
    return split(System.getenv(name));
  }

  /** {@code value} split at white space; none when null or blank. */
  static List<String> split(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }
}
