package dev.loadharness.reports.record;

/**
 * Where a run happened: the Temporal server and the machine that drove it.
 *
 * @param serverKind server environment kind: in-memory, dev-server, testcontainers or external
 * @param serverVersion version reported by the server environment, or {@code "unknown"}
 * @param jvm the JVM of the worker processes, e.g. {@code "17.0.12+7 (Eclipse Adoptium)"}
 * @param cpus processors available to the JVM that wrote the record
 * @param heapMaxBytes maximum heap of one worker JVM in bytes (0 when unknown)
 * @param hostname name of the machine; with {@code cpus} it keys the trend store
 */
public record Environment(
    String serverKind, String serverVersion, String jvm, int cpus, long heapMaxBytes, String hostname) {

  /** Validates the fields that key trend comparisons. */
  public Environment {
    if (serverKind == null || serverKind.isBlank()) {
      throw new IllegalArgumentException("environment.server_kind must be non-blank");
    }
    if (cpus < 0) {
      throw new IllegalArgumentException("environment.cpus must be >= 0, was " + cpus);
    }
    if (heapMaxBytes < 0) {
      throw new IllegalArgumentException("environment.heap_max_bytes must be >= 0, was " + heapMaxBytes);
    }
    serverVersion = serverVersion == null ? "unknown" : serverVersion;
    jvm = jvm == null ? "unknown" : jvm;
    hostname = hostname == null || hostname.isBlank() ? "unknown" : hostname;
  }

  /** The machine part of a trend key: hostname and processor count. */
  public String machine() {
    return hostname + "-" + cpus + "cpu";
  }
}
