package dev.loadharness.scenarios.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the user asked for, read once from system properties and environment variables:
 *
 * <pre>
 * -Dtemporal.server            TEMPORAL_SERVER              auto|in-memory|dev-server|testcontainers|external
 * -Dtemporal.namespace         TEMPORAL_NAMESPACE           default "default"
 * -Dtemporal.address           TEMPORAL_ADDRESS             host:port of an external cluster
 * -Dtemporal.tls.cert          TEMPORAL_TLS_CERT            client certificate (PEM)
 * -Dtemporal.tls.key           TEMPORAL_TLS_KEY             client key (PKCS#8 PEM)
 * -Dtemporal.tls.ca            TEMPORAL_TLS_CA              CA bundle (PEM)
 * -Dtemporal.tls.server-name   TEMPORAL_TLS_SERVER_NAME     TLS authority override
 * -Dtemporal.api-key           TEMPORAL_API_KEY             API key (Temporal Cloud)
 * -Dtemporal.connect-timeout   TEMPORAL_CONNECT_TIMEOUT     external reachability bound, default 10s
 * -Dtemporal.cli               TEMPORAL_CLI                 the temporal binary, else PATH
 * -Dtemporal.server.ready-timeout TEMPORAL_SERVER_READY_TIMEOUT  default 60s
 * -Dtemporal.dev-server.port   TEMPORAL_DEV_SERVER_PORT     preferred gRPC port, default any
 * -Dtemporal.dev-server.db     TEMPORAL_DEV_SERVER_DB       SQLite file to survive restarts
 * -Dtemporal.image             TEMPORAL_IMAGE               testcontainers image, default the pinned official one
 * </pre>
 *
 * @param requested "auto" or a kind id, as typed
 * @param requestedBy where {@code requested} came from, for messages
 * @param image the image the testcontainers kind runs
 */
public record ServerSettings(
    String requested,
    String requestedBy,
    String namespace,
    Duration readyTimeout,
    int devServerPort,
    Optional<Path> devServerDb,
    Duration connectTimeout,
    String image) {

  /** Reads every setting and validates it; a bad value fails here, naming its variable. */
  public static ServerSettings from(SettingSource source) {
    var requested = source.get("temporal.server", "TEMPORAL_SERVER");
    String kind = requested.map(SettingSource.Setting::value).orElse(ServerKind.AUTO);
    if (!kind.equalsIgnoreCase(ServerKind.AUTO)) {
      ServerKind.parse(kind, requested.get().source());
    }
    return new ServerSettings(
        kind,
        requested.map(SettingSource.Setting::source).orElse("default"),
        source.get("temporal.namespace", "TEMPORAL_NAMESPACE").map(SettingSource.Setting::value).orElse("default"),
        source.duration("temporal.server.ready-timeout", "TEMPORAL_SERVER_READY_TIMEOUT")
            .orElse(DevServerOptions.DEFAULT_READY_TIMEOUT),
        source.integer("temporal.dev-server.port", "TEMPORAL_DEV_SERVER_PORT", 0, 65535).orElse(0),
        source.get("temporal.dev-server.db", "TEMPORAL_DEV_SERVER_DB").map(s -> Path.of(s.value())),
        source.duration("temporal.connect-timeout", "TEMPORAL_CONNECT_TIMEOUT")
            .orElse(ExternalServer.DEFAULT_CONNECT_TIMEOUT),
        source.get("temporal.image", "TEMPORAL_IMAGE")
            .map(SettingSource.Setting::value)
            .orElse(PinnedVersions.temporalImage()));
  }

  /** The same settings with another requested kind, e.g. from a scenario spec or a CLI flag. */
  public ServerSettings withRequested(String kind, String by) {
    if (!kind.equalsIgnoreCase(ServerKind.AUTO)) {
      ServerKind.parse(kind, by);
    }
    return new ServerSettings(kind, by, namespace, readyTimeout, devServerPort, devServerDb, connectTimeout, image);
  }
}
