package dev.loadharness.scenarios.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the Temporal CLI's dev server.
 *
 * @param cli the {@code temporal} executable
 * @param namespace namespace created at launch
 * @param preferredPort gRPC port to try first; 0 for any free port. A taken port is replaced by a
 *     free one, with a log line.
 * @param logDirectory where {@code temporal-dev-server.log} is written (the run directory)
 * @param dbFile SQLite file for a server whose state must survive its restart; empty for in-memory
 *     SQLite
 * @param readyTimeout how long to wait for gRPC readiness before killing it
 */
public record DevServerOptions(
    Path cli,
    String namespace,
    int preferredPort,
    Path logDirectory,
    Optional<Path> dbFile,
    Duration readyTimeout) {

  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

  public DevServerOptions {
    Objects.requireNonNull(cli, "cli");
    Objects.requireNonNull(logDirectory, "logDirectory");
    Objects.requireNonNull(dbFile, "dbFile");
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("namespace: must not be blank");
    }
    if (preferredPort < 0 || preferredPort > 65535) {
      throw new IllegalArgumentException("preferredPort: " + preferredPort + " is not in 0..65535");
    }
    if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("readyTimeout: must be positive, got " + readyTimeout);
    }
  }

  /** Defaults: any free port, in-memory SQLite, 60 s readiness timeout. */
  public static DevServerOptions defaults(Path cli, String namespace, Path logDirectory) {
    return new DevServerOptions(cli, namespace, 0, logDirectory, Optional.empty(), DEFAULT_READY_TIMEOUT);
  }

  /** A copy with another preferred port. */
  public DevServerOptions withPreferredPort(int port) {
    return new DevServerOptions(cli, namespace, port, logDirectory, dbFile, readyTimeout);
  }

  /** A copy with another readiness timeout. */
  public DevServerOptions withReadyTimeout(Duration timeout) {
    return new DevServerOptions(cli, namespace, preferredPort, logDirectory, dbFile, timeout);
  }

  /** A copy that persists state in {@code file}. */
  public DevServerOptions withDbFile(Path file) {
    return new DevServerOptions(cli, namespace, preferredPort, logDirectory, Optional.of(file), readyTimeout);
  }
}
