package dev.loadharness.scenarios.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** The real probes: environment, Testcontainers' Docker detection and a PATH search. */
public final class SystemProbes implements EnvironmentProbes {
  private final SettingSource source;

  public SystemProbes(SettingSource source) {
    this.source = source;
  }

  @Override
  public Optional<SettingSource.Setting> externalAddress() {
    return source.get("temporal.address", "TEMPORAL_ADDRESS");
  }

  @Override
  public boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      // Any failure to reach or even configure a Docker client means "no engine" for selection.
      return false;
    }
  }

  @Override
  public Optional<Path> temporalCli() {
    var explicit = source.get("temporal.cli", "TEMPORAL_CLI");
    if (explicit.isPresent()) {
      Path cli = Path.of(explicit.get().value());
      if (!Files.isRegularFile(cli) || !Files.isExecutable(cli)) {
        throw new IllegalArgumentException(
            explicit.get().source() + ": '" + cli + "' is not an executable file (it should name the temporal binary)");
      }
      return Optional.of(cli);
    }
    return source.env("PATH").flatMap(SystemProbes::searchPath);
  }

  static Optional<Path> searchPath(String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "temporal");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
