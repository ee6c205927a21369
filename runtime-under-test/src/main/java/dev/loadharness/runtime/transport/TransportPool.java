package dev.loadharness.runtime.transport;

import com.uber.m3.tally.Scope;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.TlsFiles;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFactory;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memoizes one {@link WorkflowServiceStubs} per {@link TransportKey}, shared by every worker and
 * client in the process and reference-counted through {@link TransportLease}s.
 *
 * <p>Why: every stubs instance owns a gRPC channel, i.e. its own TCP connection and TLS handshake,
 * and the SDK re-handshakes on its periodic reconnect. A fleet of workers in one JVM needs one.
 * Every channel the pool builds runs on the pool's event loop with a counting channel factory and,
 * for TLS, a counting SslContext, so {@link TransportCounters} shows what sharing saved.
 */
public final class TransportPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransportPool.class);

  private final Scope metricsScope;
  private final List<ClientInterceptor> interceptors;
  private final TransportCounters counters = new TransportCounters();
  private final Map<TransportKey, Entry> entries = new HashMap<>();
  /**
   * Native epoll where Netty's shaded transport has it (Linux), as gRPC's own default channel does; NIO elsewhere.
   * On NIO, JFR of the worker-overhead load showed this loop at 1.03 s of CPU a minute against the plain SDK
   * worker's epoll loop's 0.80 s, and the JIT compiling the NIO selector code besides the SDK's.
   */
  private static final boolean EPOLL = Epoll.isAvailable();

  private final EventLoopGroup eventLoop;
  private boolean closed;

  private static final class Entry {
    final WorkflowServiceStubs stubs;
    int leases;
    CompletableFuture<Void> prewarm;

    Entry(WorkflowServiceStubs stubs) {
      this.stubs = stubs;
    }
  }

  /**
   * A pool whose stubs report SDK metrics to {@code metricsScope} and run {@code interceptors}
   * (outermost first) on every call.
   */
  public TransportPool(Scope metricsScope, List<ClientInterceptor> interceptors) {
    this.metricsScope = metricsScope;
    this.interceptors = List.copyOf(interceptors);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ThreadFactory factory = new DefaultThreadFactory("transport-pool", true);
    this.eventLoop = EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
  }

  /** Leases the shared transport for {@code config}, building it on first use. */
  public synchronized TransportLease lease(ConnectionConfig config) {
    if (closed) {
      throw new IllegalStateException("transport pool is closed");
    }
    TransportKey key = TransportKey.of(config);
    Entry entry = entries.computeIfAbsent(key, k -> new Entry(newStubs(config)));
    entry.leases++;
    counters.leased();
    return new TransportLease(this, key, entry.stubs);
  }

  /**
   * Connects and health-checks a leased transport without blocking the caller, so a runtime can
   * register workers while the TCP connection and TLS handshake happen.
   */
  public CompletableFuture<Void> prewarm(TransportLease lease, Duration timeout, Executor executor) {
    synchronized (this) {
      // Once per transport: every later lease of a shared transport gets the same connect, not another
      // health-check round trip queued behind it.
      Entry entry = entries.get(lease.key());
      if (entry != null && entry.stubs == lease.stubs()) {
        if (entry.prewarm == null) {
          entry.prewarm = connect(lease.stubs(), timeout, executor);
        }
        return entry.prewarm;
      }
    }
    return connect(lease.stubs(), timeout, executor);
  }

  private static CompletableFuture<Void> connect(WorkflowServiceStubs stubs, Duration timeout, Executor executor) {
    return CompletableFuture.runAsync(() -> {
      stubs.connect(timeout);
      stubs.healthCheck();
    }, executor);
  }

  /** Transports currently open. */
  public synchronized int openTransports() {
    return entries.size();
  }

  /** Leases currently held on the transport of {@code key} (0 when it is closed). */
  public synchronized int leases(TransportKey key) {
    Entry entry = entries.get(key);
    return entry == null ? 0 : entry.leases;
  }

  /** What this pool's channels cost so far. */
  public TransportCounters counters() {
    return counters;
  }

  synchronized void release(TransportKey key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return;
    }
    if (--entry.leases == 0) {
      entries.remove(key);
      shutdown(entry.stubs);
    }
  }

  /** Shuts every remaining transport down, leases or not; idempotent. */
  @Override
  public void close() {
    List<Entry> remaining;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      remaining = List.copyOf(entries.values());
      entries.clear();
    }
    remaining.forEach(entry -> shutdown(entry.stubs));
    eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private WorkflowServiceStubs newStubs(ConnectionConfig config) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
        .setTarget(config.target())
        .setMetricsScope(metricsScope)
        .setGrpcClientInterceptors(interceptors)
        .setChannelInitializer(channelInitializer(config));
    if (config.keepAliveTime().isZero()) {
      options.setEnableKeepAlive(false);
    } else {
      options.setEnableKeepAlive(true)
          .setKeepAliveTime(config.keepAliveTime())
          .setKeepAliveTimeout(config.keepAliveTimeout())
          .setKeepAlivePermitWithoutStream(true);
    }
    options.setGrpcReconnectFrequency(config.reconnectFrequency().isZero() ? null : config.reconnectFrequency());
    if (config.usesTls()) {
      options.setSslContext(new CountingSslContext(sslContext(config.tls().orElse(null)), counters));
    }
    config.apiKey().ifPresent(key -> options.addApiKey(key::reveal));
    log.info("opening transport to {} (tls={}, apiKey={})", config.target(),
        config.tls().map(Object::toString).orElse(config.usesTls() ? "system trust" : "off"),
        config.apiKey().isPresent() ? "<redacted>" : "none");
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  private Consumer<ManagedChannelBuilder<?>> channelInitializer(ConnectionConfig config) {
    ChannelFactory<Channel> countingFactory = () -> {
      counters.connectionOpened();
      return EPOLL ? new EpollSocketChannel() : new NioSocketChannel();
    };
    return builder -> {
      counters.channelCreated();
      if (builder instanceof NettyChannelBuilder netty) {
        netty.eventLoopGroup(eventLoop).channelFactory(countingFactory);
      }
      config.tls().flatMap(TlsFiles::serverNameOverride).ifPresent(builder::overrideAuthority);
    };
  }

  /** The files' context, or the JVM's trust store when TLS is on only because of an API key. */
  private static SslContext sslContext(TlsFiles files) {
    return (files == null ? new TlsFiles(null, null, null, null) : files).sslContext();
  }

  private static void shutdown(WorkflowServiceStubs stubs) {
    stubs.shutdown();
    if (!stubs.awaitTermination(5, TimeUnit.SECONDS)) {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
