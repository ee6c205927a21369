package dev.loadharness.runtime.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a server for live histories.
 *
 * @param address host:port of the frontend (WorkflowService)
 * @param namespace the namespace
 * @param temporalCli the Temporal CLI binary, if present, for the fallback
 * @param forceCli fetch with the CLI even when WorkflowService is reachable
 * @param cliConnectionArgs connection flags for the CLI: only those the user gave explicitly, so a CLI
 *     fallback can use the CLI's own configuration (TEMPORAL_ADDRESS, profiles with TLS or API keys)
 */
public record ServerAccess(String address, String namespace, Optional<Path> temporalCli, boolean forceCli,
    List<String> cliConnectionArgs) {

  /** Validates. */
  public ServerAccess {
    Objects.requireNonNull(temporalCli, "temporalCli");
    cliConnectionArgs = List.copyOf(cliConnectionArgs);
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
