package dev.loadharness.runtime.replay;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a server for live histories.
 *
 * @param address host:port of the frontend (WorkflowService)
 * @param namespace the namespace
 * @param temporalCli the Temporal CLI binary, if present, for the fallback
 * @param forceCli fetch with the CLI even when WorkflowService is reachable
 */
public record ServerAccess(String address, String namespace, Optional<Path> temporalCli, boolean forceCli) {

  /** Validates. */
  public ServerAccess {
    Objects.requireNonNull(temporalCli, "temporalCli");
    if (address == null || !address.matches("[^:\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--address must be host:port, got \"" + address + "\"");
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("--namespace must not be blank");
    }
    if (forceCli && temporalCli.isEmpty()) {
      throw new IllegalArgumentException("--fetch-with-cli needs the Temporal CLI: not found on PATH; pass --temporal-cli");
    }
  }
}
