package dev.loadharness.scenarios.server;

import java.util.Locale;

/**
 * Turns a request into a kind and a reason. {@code auto} prefers the most production-like server
 * that is available: an external cluster the user pointed at, then a container, then the CLI's
 * dev server, and the in-memory test server last because it lacks real-server behaviours.
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
    if (probes.dockerAvailable()) {
      return new Selection(ServerKind.TESTCONTAINERS, "auto: no TEMPORAL_ADDRESS; a Docker engine answered");
    }
    var cli = probes.temporalCli();
    if (cli.isPresent()) {
      return new Selection(
          ServerKind.DEV_SERVER,
          "auto: no TEMPORAL_ADDRESS, no Docker engine; Temporal CLI found at " + cli.get());
    }
    return new Selection(
        ServerKind.IN_MEMORY,
        "auto: no TEMPORAL_ADDRESS, no Docker engine, no Temporal CLI (install it with scripts/install-temporal-cli)");
  }
}
