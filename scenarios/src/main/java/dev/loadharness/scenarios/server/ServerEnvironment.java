package dev.loadharness.scenarios.server;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A started (or attached) Temporal server that clients and worker processes reach over gRPC.
 * Closing it stops what this process started and is idempotent; an attached external cluster is
 * left running.
 */
public interface ServerEnvironment extends AutoCloseable {

  /** Which kind of server this is. */
  ServerKind kind();

  /** Connection settings for clients and workers: target, namespace, TLS and API key. */
  ConnectionSettings connection();

  /** The server's own version string as it reports it (or as pinned, for the in-memory server). */
  String serverVersion();

  /** What this server does beyond the basics every kind provides. */
  Set<ServerCapability> capabilities();

  /**
   * The server's own OS process on this machine, when this environment started one as a child (the dev
   * server), so a run can measure its CPU; empty for servers in this JVM, in a container or remote.
   */
  default Optional<ProcessHandle> process() {
    return Optional.empty();
  }

  /** The gRPC target, {@code host:port}. */
  default String target() {
    return connection().target();
  }

  /** The namespace runs use on this server. */
  default String namespace() {
    return connection().namespace();
  }

  /**
   * Why a scenario needing {@code required} cannot run here, or empty if it can.
   *
   * @return for example "needs a real server: in-memory does not answer DescribeTaskQueue"
   */
  default Optional<String> whyUnsupported(Set<ServerCapability> required) {
    Set<ServerCapability> missing = EnumSet.noneOf(ServerCapability.class);
    missing.addAll(required);
    missing.removeAll(capabilities());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "needs a real server: "
            + kind().id()
            + " does not "
            + missing.stream()
                .map(c -> c.name() + " (" + c.description() + ")")
                .collect(Collectors.joining(", ")));
  }

  /**
   * The server's own Prometheus endpoint, where this environment knows one (the dev server started with
   * {@code --metrics-port}); an external cluster's comes from {@code TEMPORAL_SERVER_METRICS_URL} instead.
   */
  default Optional<java.net.URI> metricsUrl() {
    return Optional.empty();
  }

  /** Stops what this environment started; never throws for an already closed environment. */
  @Override
  void close();
}
