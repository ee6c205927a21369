package dev.loadharness.scenarios.server;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.util.Locale;

/**
 * Turns a request into a kind and a reason. {@code auto} prefers the most production-like server
 * that is available: an external cluster the user pointed at, then a container, then the CLI's
 * dev server, and the in-memory test server last because it lacks real-server behaviours.
 *
 * <p>A container counts as available only when the engine already holds the configured image (built
 * locally with scripts/build-temporal-image or pulled beforehand) and Testcontainers would not block
 * on a helper image: selection never pulls the Temporal image, so it answers within seconds even where
 * no registry is reachable (helper images are pulled only under the probe's bounds). Whether the image
 * was built here or pulled makes no difference; asking for testcontainers explicitly does try a
 * bounded pull of the Temporal image.
 */
public final class ServerSelector {
  private ServerSelector() {}

  /** The kind to run and why, for the one line every run prints. */
  public record Selection(ServerKind kind, String reason) {
    /** "Temporal server: dev-server (auto: ...)". */
    public String line() {
      return "Temporal server: " + kind.id() + " (" + reason + ")";
    }
  }

  public static Selection select(ServerSettings settings, EnvironmentProbes probes) {
    if (!settings.requested().toLowerCase(Locale.ROOT).equals(ServerKind.AUTO)) {
      ServerKind kind = ServerKind.parse(settings.requested(), settings.requestedBy());
      return new Selection(kind, "requested by " + settings.requestedBy());
    }
    var address = probes.externalAddress();
    if (address.isPresent()) {
      return new Selection(
          ServerKind.EXTERNAL, "auto: " + address.get().source() + " is set to " + address.get().value());
    }
    DockerCheck docker = probes.docker(settings.image());
    if (docker.ready() && probes.testcontainersBlocker().isEmpty()) {
      return new Selection(
          ServerKind.TESTCONTAINERS, "auto: no TEMPORAL_ADDRESS; the Docker engine has " + settings.image());
    }
    String noContainer =
        switch (docker.state()) {
          case NO_ENGINE -> "no Docker engine";
          case IMAGE_ABSENT -> "Docker has no " + settings.image() + " (" + DockerCheck.BUILD_COMMAND + " builds one)";
          case READY -> "Docker has " + settings.image() + " but Testcontainers would block (see --server testcontainers)";
        };
    var cli = probes.temporalCli();
    if (cli.isPresent()) {
      return new Selection(
          ServerKind.DEV_SERVER,
          "auto: no TEMPORAL_ADDRESS, " + noContainer + "; Temporal CLI found at " + cli.get());
    }
    return new Selection(
        ServerKind.IN_MEMORY,
        "auto: no TEMPORAL_ADDRESS, " + noContainer + ", no Temporal CLI (install it with scripts/install-temporal-cli)");
  }
}
