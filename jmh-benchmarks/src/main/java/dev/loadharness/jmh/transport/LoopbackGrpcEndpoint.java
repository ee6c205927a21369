package dev.loadharness.jmh.transport;

import dev.loadharness.scenarios.server.SelfSignedTls;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC endpoint on 127.0.0.1 that answers the health check the SDK's stubs make, in plaintext or
 * TLS with a self-signed certificate made at set-up by the JDK's keytool (no key material is
 * committed). Enough for "time to the first successful RPC", which is what a connection costs.
 */
final class LoopbackGrpcEndpoint implements AutoCloseable {
  private static final String WORKFLOW_SERVICE = "temporal.api.workflowservice.v1.WorkflowService";

  private final Server server;
  private final Path certificate;

  private LoopbackGrpcEndpoint(Server server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** Starts the endpoint; with {@code tls}, the certificate goes to {@code dir}. */
  static LoopbackGrpcEndpoint start(boolean tls, Path dir) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(WORKFLOW_SERVICE, HealthCheckResponse.ServingStatus.SERVING);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(health.getHealthService());
    Path certificate = null;
    if (tls) {
      SelfSignedTls material = SelfSignedTls.create(dir);
      certificate = material.certificate();
      builder.sslContext(material.serverContext());
    }
    return new LoopbackGrpcEndpoint(builder.build().start(), certificate);
  }

  /** {@code 127.0.0.1:port}. */
  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The server certificate (PEM) clients trust, or null for plaintext. */
  Path certificate() {
    return certificate;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
