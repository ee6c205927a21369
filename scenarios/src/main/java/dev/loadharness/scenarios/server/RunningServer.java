package dev.loadharness.scenarios.server;

import java.util.Set;

/** What every kind knows once its server answers: kind, connection, version and capabilities. */
abstract class RunningServer implements ServerEnvironment {
  private final ServerKind kind;
  private final ConnectionSettings connection;
  private final String version;
  private final Set<ServerCapability> capabilities;

  RunningServer(ServerKind kind, ConnectionSettings connection, String version, Set<ServerCapability> capabilities) {
    this.kind = kind;
    this.connection = connection;
    this.version = version;
    this.capabilities = Set.copyOf(capabilities);
  }

  @Override
  public final ServerKind kind() {
    return kind;
  }

  @Override
  public final ConnectionSettings connection() {
    return connection;
  }

  @Override
  public final String serverVersion() {
    return version;
  }

  @Override
  public final Set<ServerCapability> capabilities() {
    return capabilities;
  }
}
