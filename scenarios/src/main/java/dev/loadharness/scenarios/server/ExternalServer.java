package dev.loadharness.scenarios.server;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * An existing cluster, self-hosted or Temporal Cloud, attached (never started or stopped) by this
 * harness. Attaching checks reachability with a bounded deadline so a wrong address or TLS setting
 * fails fast with the address and the cause instead of retrying forever.
 */
public final class ExternalServer extends RunningServer {
  /** What a real Temporal server does and the in-memory test server does not. */
  static final Set<ServerCapability> REAL_SERVER = Set.copyOf(EnumSet.allOf(ServerCapability.class));

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private ExternalServer(ConnectionSettings connection, String version) {
    super(ServerKind.EXTERNAL, connection, version, REAL_SERVER);
  }

  /** Attaches to the cluster, failing within {@code connectTimeout} if it does not answer. */
  public static ExternalServer attach(ConnectionSettings connection, Duration connectTimeout) {
    String label = "external server at " + connection.target();
    String version;
    try {
      version = ServerReadiness.await(connection, true, connectTimeout, label, () -> true);
    } catch (ServerReadiness.NotReady e) {
      throw new ServerEnvironmentException(
          label + " is unreachable (" + (connection.usesTls() ? "TLS" : "plaintext") + "): " + e.getMessage(), e);
    }
    return new ExternalServer(connection, version);
  }





  /** Nothing to stop: the cluster is not ours. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "external server " + connection();
  }
}
