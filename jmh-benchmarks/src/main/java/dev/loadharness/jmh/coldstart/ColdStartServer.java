package dev.loadharness.jmh.coldstart;

import dev.loadharness.scenarios.server.SelfSignedTls;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test server on 127.0.0.1, in plaintext or behind TLS with a self-signed
 * certificate. The dev server has no TLS option, and a TLS handshake per transport is the cost that
 * sharing saves, so the benchmark serves the test server's services itself.
 */
final class ColdStartServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;
  private final Optional<SelfSignedTls> tls;

  private ColdStartServer(TestServicesStarter services, Server server, Optional<SelfSignedTls> tls) {
    this.services = services;
    this.server = server;
    this.tls = tls;
  }

  static ColdStartServer start(Optional<SelfSignedTls> tls) throws IOException {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    if (tls.isPresent()) {
      builder.sslContext(tls.get().serverContext());
    }
    return new ColdStartServer(services, builder.build().start(), tls);
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  Optional<SelfSignedTls> tls() {
    return tls;
  }

  /** Stubs for the benchmark's own client, trusting the server's certificate when there is one. */
  WorkflowServiceStubs clientStubs() throws IOException {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target());
    if (tls.isPresent()) {
      options.setSslContext(GrpcSslContexts.forClient().trustManager(tls.get().certificate().toFile()).build());
    }
    // Set-up, not measured: on a loaded machine the first health check can miss its 5 s deadline, so retry it.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return WorkflowServiceStubs.newConnectedServiceStubs(options.build(), java.time.Duration.ofSeconds(10));
      } catch (io.grpc.StatusRuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    services.close();
  }
}
