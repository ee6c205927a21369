package dev.loadharness.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.NoopScope;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.TlsFiles;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * N leases on one pooled transport cost one TLS handshake; a second TLS identity costs its own.
 * Against a real TLS gRPC endpoint on 127.0.0.1 with a self-signed certificate made by keytool.
 */
class TransportPoolTlsIT {
  @TempDir Path dir;
  private Server server;
  private Path cert;

  @BeforeEach
  void startTlsServer() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "changeit".toCharArray());
    }
    Certificate certificate = keyStore.getCertificate("server");
    PrivateKey key = (PrivateKey) keyStore.getKey("server", "changeit".toCharArray());
    cert = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
    Path keyFile = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("temporal.api.workflowservice.v1.WorkflowService", HealthCheckResponse.ServingStatus.SERVING);
    server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .sslContext(GrpcSslContexts.forServer(cert.toFile(), keyFile.toFile()).build())
        .addService(health.getHealthService())
        .build()
        .start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void manyLeasesOneHandshake_secondIdentityItsOwn() throws Exception {
    try (TransportPool pool = new TransportPool(new NoopScope(), List.of())) {
      List<TransportLease> leases = new ArrayList<>();
      for (int worker = 0; worker < 8; worker++) {
        TransportLease lease = pool.lease(config(null));
        leases.add(lease);
        pool.prewarm(lease, Duration.ofSeconds(10), ForkJoinPool.commonPool()).get(20, TimeUnit.SECONDS);
      }
      assertThat(pool.counters().channelsCreated()).isEqualTo(1);
      assertThat(pool.counters().connectionsOpened()).isEqualTo(1);
      assertThat(pool.counters().tlsHandshakes()).isEqualTo(1);
      assertThat(pool.counters().leasesGranted()).isEqualTo(8);

      // Same CA, but checked against another authority: another identity, never shared.
      TransportLease other = pool.lease(config("localhost"));
      pool.prewarm(other, Duration.ofSeconds(10), ForkJoinPool.commonPool()).get(20, TimeUnit.SECONDS);
      assertThat(other.stubs()).isNotSameAs(leases.get(0).stubs());
      assertThat(pool.counters().channelsCreated()).isEqualTo(2);
      assertThat(pool.counters().tlsHandshakes()).isEqualTo(2);
    }
  }

  private ConnectionConfig config(String serverName) {
    return new ConnectionConfig("127.0.0.1:" + server.getPort(), "ns",
        Optional.of(new TlsFiles(null, null, cert, serverName)), Optional.empty(),
        ConnectionConfig.DEFAULT_KEEPALIVE_TIME, ConnectionConfig.DEFAULT_KEEPALIVE_TIMEOUT,
        ConnectionConfig.DEFAULT_RECONNECT_FREQUENCY, true);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
