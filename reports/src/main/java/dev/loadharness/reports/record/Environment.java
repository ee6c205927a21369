package dev.loadharness.reports.record;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where a run happened: the Temporal server and the machine that drove it.
 *
 * @param serverKind server environment kind: in-memory, dev-server, testcontainers or external
 * @param serverVersion version reported by the server environment, or {@code "unknown"}
 * @param jvm the JVM of the worker processes, e.g. {@code "17.0.12+7 (Eclipse Adoptium)"}
 * @param cpus processors available to the JVM that wrote the record
 * @param heapMaxBytes maximum heap of one worker JVM in bytes (0 when unknown)
 * @param hostname name of the machine
 * @param machine the machine class that keys trend comparisons; defaults to {@code <hostname>-<cpus>cpu},
 *     set {@value #MACHINE_ENV} where host names change between equal machines (CI runners)
 */
public record Environment(
    String serverKind, String serverVersion, String jvm, int cpus, long heapMaxBytes, String hostname,
    String machine) {

  /** Environment variable naming the machine class for trend keys. */
  public static final String MACHINE_ENV = "TLH_MACHINE";

  /** Validates the fields that key trend comparisons and fills defaults. */
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
    machine = machine == null || machine.isBlank() ? hostname + "-" + cpus + "cpu" : machine;
  }

  /** An environment whose machine class is derived from hostname and CPUs. */
  public Environment(String serverKind, String serverVersion, String jvm, int cpus, long heapMaxBytes,
      String hostname) {
    this(serverKind, serverVersion, jvm, cpus, heapMaxBytes, hostname, null);
  }

  /**
   * Describes this JVM and host for a run against {@code serverKind}; the machine class comes from
   * {@value #MACHINE_ENV} when set.
   *
   * @param heapMaxBytes the worker JVMs' maximum heap (this JVM's when the workers run in-process)
   */
  public static Environment ofThisHost(String serverKind, String serverVersion, long heapMaxBytes) {
    return ofHost(serverKind, serverVersion, heapMaxBytes, System.getenv());
  }

  static Environment ofHost(String serverKind, String serverVersion, long heapMaxBytes, Map<String, String> env) {
    var runtime = ManagementFactory.getRuntimeMXBean();
    String jvm = System.getProperty("java.runtime.version", runtime.getSpecVersion()) + " ("
        + runtime.getVmVendor() + ")";
    return new Environment(serverKind, serverVersion, jvm, Runtime.getRuntime().availableProcessors(), heapMaxBytes,
        localHostname(env), env.get(MACHINE_ENV));
  }

  /** This host's name, from the resolver, else {@code $HOSTNAME}, else {@code "unknown"}. */
  public static String localHostname(Map<String, String> env) {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return env.getOrDefault("HOSTNAME", "unknown");
    }
  }
}
