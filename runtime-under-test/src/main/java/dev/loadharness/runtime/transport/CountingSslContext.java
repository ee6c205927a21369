package dev.loadharness.runtime.transport;

import io.grpc.netty.shaded.io.netty.handler.ssl.DelegatingSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;

/**
 * Counts TLS handshakes where gRPC starts them: it asks the SslContext for a fresh SSLEngine for
 * every TLS connection, and an engine performs exactly one handshake.
 */
final class CountingSslContext extends DelegatingSslContext {
  private final TransportCounters counters;

  CountingSslContext(SslContext delegate, TransportCounters counters) {
    super(delegate);
    this.counters = counters;
  }

  @Override
  protected void initEngine(SSLEngine engine) {
    counters.tlsHandshakeStarted();
  }
}
