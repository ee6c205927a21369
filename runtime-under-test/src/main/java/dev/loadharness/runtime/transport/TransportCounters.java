package dev.loadharness.runtime.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counts of what transports cost: channels built, TCP connections opened, TLS
 * handshakes started. A benchmark reads them to show N workers -> 1 handshake.
 */
public final class TransportCounters {
  private final LongAdder channels = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final LongAdder tlsHandshakes = new LongAdder();
  private final LongAdder leases = new LongAdder();

  void channelCreated() {
    channels.increment();
  }

  void connectionOpened() {
    connections.increment();
  }

  void tlsHandshakeStarted() {
    tlsHandshakes.increment();
  }

  void leased() {
    leases.increment();
  }

  /** gRPC channels built (one per distinct {@link TransportKey} lifetime). */
  public long channelsCreated() {
    return channels.sum();
  }

  /** TCP connections opened by those channels, reconnects included. */
  public long connectionsOpened() {
    return connections.sum();
  }

  /** TLS client engines created, one per TLS connection handshake (initial and re-handshakes). */
  public long tlsHandshakes() {
    return tlsHandshakes.sum();
  }

  /** Leases handed out, shared or not. */
  public long leasesGranted() {
    return leases.sum();
  }
}
