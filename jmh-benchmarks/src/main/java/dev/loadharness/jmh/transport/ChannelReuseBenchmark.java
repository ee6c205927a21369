package dev.loadharness.jmh.transport;

import com.uber.m3.tally.NoopScope;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.TlsFiles;
import dev.loadharness.runtime.transport.TransportLease;
import dev.loadharness.runtime.transport.TransportPool;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long until 8 workers in one process each have a transport that answered its first
 * RPC, when every worker builds its own {@link WorkflowServiceStubs} (the SDK's default usage)
 * versus leasing from the runtime's shared {@link TransportPool}; in plaintext and in TLS on
 * loopback? Each operation builds everything from nothing and closes it, like a worker start.
 *
 * <p>Baseline: {@link #perWorkerStubs()}, measured in the same run. Handshakes are not timed but
 * checked: the pooled path must have made exactly one TLS handshake per operation (its counter is
 * verified at tear-down; the per-worker path makes one per worker by construction).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChannelReuseBenchmark {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Param({"plaintext", "tls"})
  public String transport;

  @Param({"8"})
  public int workers;

  private Path dir;
  private LoopbackGrpcEndpoint endpoint;
  private ConnectionConfig config;
  private WorkflowServiceStubsOptions perWorkerOptions;
  private long pooledOperations;
  private long pooledHandshakes;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean tls = transport.equals("tls");
    dir = Files.createTempDirectory("channel-reuse");
    endpoint = LoopbackGrpcEndpoint.start(tls, dir);
    Optional<TlsFiles> tlsFiles =
        tls ? Optional.of(new TlsFiles(null, null, endpoint.certificate(), null)) : Optional.empty();
    config =
        new ConnectionConfig(
            endpoint.target(), "default", tlsFiles, Optional.empty(),
            ConnectionConfig.DEFAULT_KEEPALIVE_TIME, ConnectionConfig.DEFAULT_KEEPALIVE_TIMEOUT,
            ConnectionConfig.DEFAULT_RECONNECT_FREQUENCY, false);
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(endpoint.target());
    if (tls) {
      options.setSslContext(GrpcSslContexts.forClient().trustManager(endpoint.certificate().toFile()).build());
    }
    perWorkerOptions = options.build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    endpoint.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    long expected = transport.equals("tls") ? pooledOperations : 0;
    if (pooledOperations > 0 && pooledHandshakes != expected) {
      throw new IllegalStateException(
          "shared pool made " + pooledHandshakes + " TLS handshakes in " + pooledOperations + " operations; expected " + expected);
    }
  }

  @Benchmark
  public int perWorkerStubs() throws InterruptedException {
    List<WorkflowServiceStubs> all = new ArrayList<>(workers);
    try {
      for (int i = 0; i < workers; i++) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(perWorkerOptions);
        all.add(stubs);
        stubs.connect(CONNECT_TIMEOUT);
        stubs.healthCheck();
      }
      return all.size();
    } finally {
      for (WorkflowServiceStubs stubs : all) {
        stubs.shutdownNow();
      }
      for (WorkflowServiceStubs stubs : all) {
        stubs.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Benchmark
  public int sharedPool() throws Exception {
    List<TransportLease> leases = new ArrayList<>(workers);
    try (TransportPool pool = new TransportPool(new NoopScope(), List.of())) {
      for (int i = 0; i < workers; i++) {
        TransportLease lease = pool.lease(config);
        leases.add(lease);
        lease.stubs().connect(CONNECT_TIMEOUT);
        lease.stubs().healthCheck();
      }
      pooledOperations++;
      pooledHandshakes += pool.counters().tlsHandshakes();
      leases.forEach(TransportLease::close);
      return leases.size();
    }
  }
}
