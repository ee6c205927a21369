package dev.loadharness.scenarios.server;

import java.nio.file.Path;
import java.util.Optional;

/** What {@code auto} looks at, behind an interface so selection is unit-tested with fakes. */
public interface EnvironmentProbes {

  /** The external cluster's address, with where it was set, if any. */
  Optional<SettingSource.Setting> externalAddress();

  /** Whether a Docker engine answers. */
  boolean dockerAvailable();

  /** The Temporal CLI binary, from TEMPORAL_CLI or PATH. */
  Optional<Path> temporalCli();
}
