package dev.loadharness.scenarios.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dev.loadharness.scenarios.server.docker.DockerCheck;
import dev.loadharness.scenarios.server.docker.DockerProbe;
import java.time.Duration;

/** The real probes: environment, the bounded Docker probe and a PATH search. */
public final class SystemProbes implements EnvironmentProbes {
  /** The bound on pulling the server image when testcontainers is requested and the image is absent. */
  static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

  private final SettingSource source;
  private final DockerProbe docker;

  public SystemProbes(SettingSource source) {
    this.source = source;
    this.docker = DockerProbe.fromEnvironment(source.environment());
  }

  @Override
  public Optional<SettingSource.Setting> externalAddress() {
    return source.get("temporal.address", "TEMPORAL_ADDRESS");
  }

  @Override
  public DockerCheck docker(String image) {
    return docker.check(image);
  }

  @Override
  public DockerCheck pull(String image) {
    return docker.pull(image, PULL_TIMEOUT);
  }

  @Override
  public Optional<String> testcontainersBlocker() {
    return new TestcontainersPreflight(docker, source.environment(), Files.exists(Path.of("/.dockerenv"))).blocker();
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
