package dev.loadharness.scenarios.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code temporalio/temporal} image (the CLI's dev server) in a container via Testcontainers.
 * Only where a Docker engine answers; this project's own machines have none, so this kind is
 * exercised on GitHub Actions.
 */
public final class TestcontainersServer extends RunningServer {
  private static final int GRPC_PORT = 7233;

  private final GenericContainer<?> container;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestcontainersServer(GenericContainer<?> container, ConnectionSettings connection, String version) {
    super(ServerKind.TESTCONTAINERS, connection, version, ExternalServer.REAL_SERVER);
    this.container = container;
  }

  /** Pulls (if needed) and starts the pinned image, then waits for gRPC readiness. */
  public static TestcontainersServer start(String namespace, Duration readyTimeout) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(PinnedVersions.temporalImage()))
            .withCommand(
                "server", "start-dev",
                "--headless",
                "--ip", "0.0.0.0",
                "--port", Integer.toString(GRPC_PORT),
                "--namespace", namespace,
                "--sqlite-pragma", "journal_mode=WAL",
                "--sqlite-pragma", "synchronous=OFF")
            .withExposedPorts(GRPC_PORT)
            .waitingFor(Wait.forListeningPort().withStartupTimeout(readyTimeout));
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new ServerEnvironmentException(
          "testcontainers: " + PinnedVersions.temporalImage() + " did not start: " + e.getMessage(), e);
    }
    ConnectionSettings connection =
        ConnectionSettings.plaintext(container.getHost() + ":" + container.getMappedPort(GRPC_PORT), namespace);
    try {
      String version =
          ServerReadiness.await(
              connection, true, readyTimeout, "testcontainers server at " + connection.target(), container::isRunning);
      return new TestcontainersServer(container, connection, version);
    } catch (RuntimeException e) {
      String logs = container.getLogs();
      container.stop();
      throw new ServerEnvironmentException(e.getMessage() + "; container log:\n" + logs, e);
    }
  }





  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      container.stop();
    }
  }

  @Override
  public String toString() {
    return "testcontainers server " + PinnedVersions.temporalImage() + " at " + target();
  }
}
