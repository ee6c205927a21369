package dev.loadharness.scenarios.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Temporal CLI image (the CLI's dev server) in a container via Testcontainers: the pinned official
 * {@code temporalio/temporal} by default, or the image named by {@code TEMPORAL_IMAGE}, such as the
 * local one scripts/build-temporal-image builds where no registry is reachable. Callers check the
 * engine and the image with the bounded probe first ({@link ServerEnvironments}).
 */
public final class TestcontainersServer extends RunningServer {
  private static final int GRPC_PORT = 7233;

  private final GenericContainer<?> container;
  private final String image;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestcontainersServer(
      GenericContainer<?> container, String image, ConnectionSettings connection, String version) {
    super(ServerKind.TESTCONTAINERS, connection, version, ExternalServer.REAL_SERVER);
    this.container = container;
    this.image = image;
  }

  /** Starts {@code image} (Testcontainers pulls it if absent), then waits for gRPC readiness. */
  public static TestcontainersServer start(String image, String namespace, Duration readyTimeout) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
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
          "testcontainers: " + image + " did not start: " + e.getMessage(), e);
    }
    ConnectionSettings connection =
        ConnectionSettings.plaintext(container.getHost() + ":" + container.getMappedPort(GRPC_PORT), namespace);
    try {
      String version =
          ServerReadiness.await(
              connection, true, readyTimeout, "testcontainers server at " + connection.target(), container::isRunning);
      return new TestcontainersServer(container, image, connection, version);
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
    return "testcontainers server " + image + " at " + target();
  }
}
