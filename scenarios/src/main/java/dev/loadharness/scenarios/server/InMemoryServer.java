package dev.loadharness.scenarios.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Temporal's Java test server (temporal-test-server) served over real gRPC on a free 127.0.0.1
 * port, so clients and worker processes connect exactly as they would to any server.
 *
 * <p>The SDK's {@code TestServer.createPortBoundServer} binds every interface; this binds loopback
 * only, using the same public service classes. The test server keeps all history in memory, never
 * enforces the sticky schedule-to-start timeout, answers DescribeTaskQueue and
 * ResetStickyTaskQueue with UNIMPLEMENTED and sends no poller-scaling hints, so it has no {@link
 * ServerCapability}.
 */
public final class InMemoryServer extends RunningServer {
  private final TestServicesStarter services;
  private final Server server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private InMemoryServer(TestServicesStarter services, Server server, ConnectionSettings connection) {
    super(
        ServerKind.IN_MEMORY,
        connection,
        "temporal-test-server " + PinnedVersions.temporalSdk(),
        Set.of());
    this.services = services;
    this.server = server;
  }

  /** Starts the server on an ephemeral loopback port and checks it answers over gRPC. */
  public static InMemoryServer start(String namespace) {
    return start(namespace, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Starts the server behind TLS with {@code tls}'s certificate and {@code interceptors} in front of every
   * service (for example one that demands an API key): a stand-in for a secured cluster in tests. The
   * returned {@link #connection()} trusts the certificate and sends {@code apiKey}.
   */
  public static InMemoryServer start(String namespace, Optional<SelfSignedTls> tls, Optional<Secret> apiKey,
      List<ServerInterceptor> interceptors) {
    // lockTimeSkipping=true: time runs like a real server's; load tests must not skip time.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    interceptors.forEach(builder::intercept);
    if (tls.isPresent()) {
      try {
        builder.sslContext(tls.get().serverContext());
      } catch (IOException e) {
        services.close();
        throw new ServerEnvironmentException("in-memory server TLS material unusable: " + e.getMessage(), e);
      }
    }
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new ServerEnvironmentException("in-memory server could not bind 127.0.0.1: " + e.getMessage(), e);
    }
    ConnectionSettings connection = new ConnectionSettings("127.0.0.1:" + server.getPort(), namespace,
        tls.map(t -> new TlsFiles(null, null, t.certificate(), null)), apiKey);
    InMemoryServer started = new InMemoryServer(services, server, connection);
    try {
      ServerReadiness.await(
          started.connection(), connection.usesTls(), Duration.ofSeconds(10), "in-memory server at " + started.target(), () -> true);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }





  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      services.close();
    }
  }

  @Override
  public String toString() {
    return "in-memory server at " + target();
  }
}
