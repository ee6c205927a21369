package dev.loadharness.scenarios.server;

import java.nio.file.Path;
import java.util.Optional;

/** Probes with fixed answers, for selection tests. */
record FakeProbes(Optional<SettingSource.Setting> externalAddress, boolean dockerAvailable, Optional<Path> temporalCli)
    implements EnvironmentProbes {

  static FakeProbes none() {
    return new FakeProbes(Optional.empty(), false, Optional.empty());
  }

  FakeProbes withAddress(String address) {
    return new FakeProbes(Optional.of(new SettingSource.Setting(address, "TEMPORAL_ADDRESS")), dockerAvailable, temporalCli);
  }

  FakeProbes withDocker() {
    return new FakeProbes(externalAddress, true, temporalCli);
  }

  FakeProbes withCli(String path) {
    return new FakeProbes(externalAddress, dockerAvailable, Optional.of(Path.of(path)));
  }
}
