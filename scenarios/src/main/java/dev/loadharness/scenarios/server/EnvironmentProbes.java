package dev.loadharness.scenarios.server;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code auto} looks at, behind an interface so selection is unit-tested with fakes. */
public interface EnvironmentProbes {

  /** The external cluster's address, with where it was set, if any. */
  Optional<SettingSource.Setting> externalAddress();

  /** Whether a Docker engine answers and holds {@code image}, within seconds; never pulls. */
  DockerCheck docker(String image);

  /** Pulls {@code image}, bounded; READY when it is there afterwards, else the reason. */
  DockerCheck pull(String image);

  /**
   * Why Testcontainers itself would block on this engine (a helper image it pulls that cannot be had),
   * found within seconds; empty when nothing is in the way.
   */
  Optional<String> testcontainersBlocker();

  /** The Temporal CLI binary, from TEMPORAL_CLI or PATH. */
  Optional<Path> temporalCli();
}
