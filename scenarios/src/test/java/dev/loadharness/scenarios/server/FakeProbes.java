package dev.loadharness.scenarios.server;

import dev.loadharness.scenarios.server.docker.DockerCheck;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Probes with fixed answers, for selection tests.
 *
 * @param docker what the Docker probe answers for any image
 * @param afterPull what a pull leaves
 */
record FakeProbes(
    Optional<SettingSource.Setting> externalAddress,
    DockerCheck.State docker,
    DockerCheck.State afterPull,
    Optional<Path> temporalCli)
    implements EnvironmentProbes {

  static FakeProbes none() {
    return new FakeProbes(Optional.empty(), DockerCheck.State.NO_ENGINE, DockerCheck.State.NO_ENGINE, Optional.empty());
  }

  FakeProbes withAddress(String address) {
    return new FakeProbes(
        Optional.of(new SettingSource.Setting(address, "TEMPORAL_ADDRESS")), docker, afterPull, temporalCli);
  }

  /** An engine that holds every image. */
  FakeProbes withDocker() {
    return new FakeProbes(externalAddress, DockerCheck.State.READY, DockerCheck.State.READY, temporalCli);
  }

  /** An engine without the image, and a pull that leaves {@code afterPull}. */
  FakeProbes withDockerWithoutImage(DockerCheck.State afterPull) {
    return new FakeProbes(externalAddress, DockerCheck.State.IMAGE_ABSENT, afterPull, temporalCli);
  }

  FakeProbes withCli(String path) {
    return new FakeProbes(externalAddress, docker, afterPull, Optional.of(Path.of(path)));
  }

  @Override
  public DockerCheck docker(String image) {
    return new DockerCheck(docker, image, "fake engine says " + docker);
  }

  @Override
  public DockerCheck pull(String image) {
    return new DockerCheck(afterPull, image, "fake pull left " + afterPull);
  }

  @Override
  public Optional<String> testcontainersBlocker() {
    return Optional.empty();
  }
}
