package dev.loadharness.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.NoopScope;
import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharing and separation only: channels are built lazily, so no server is needed here. */
class TransportPoolTest {

  private static ConnectionConfig withApiKey(String key) {
    ConnectionConfig plain = ConnectionConfig.plaintext("127.0.0.1:7233", "ns");
    return new ConnectionConfig(plain.target(), plain.namespace(), Optional.empty(),
        Optional.of(Secret.of("TEMPORAL_API_KEY", key)), plain.keepAliveTime(), plain.keepAliveTimeout(),
        plain.reconnectFrequency(), false);
  }

  @Test
  void sameTargetAndIdentityShareOneChannel() {
    try (TransportPool pool = new TransportPool(new NoopScope(), List.of())) {
      ConnectionConfig config = ConnectionConfig.plaintext("127.0.0.1:7233", "ns");
      TransportLease a = pool.lease(config);
      TransportLease b = pool.lease(ConnectionConfig.plaintext("127.0.0.1:7233", "other-namespace"));
      assertThat(b.stubs()).isSameAs(a.stubs());
      assertThat(pool.counters().channelsCreated()).isEqualTo(1);
      assertThat(pool.leases(a.key())).isEqualTo(2);
      a.close();
      a.close();
      assertThat(pool.leases(a.key())).isEqualTo(1);
      assertThat(b.stubs().isShutdown()).isFalse();
      b.close();
      assertThat(pool.openTransports()).isZero();
      assertThat(b.stubs().isShutdown()).isTrue();
    }
  }

  @Test
  void differentAuthIdentitiesNeverShare() {
    try (TransportPool pool = new TransportPool(new NoopScope(), List.of())) {
      TransportLease alice = pool.lease(withApiKey("alice-key"));
      TransportLease bob = pool.lease(withApiKey("bob-key"));
      TransportLease alice2 = pool.lease(withApiKey("alice-key"));
      assertThat(bob.stubs()).isNotSameAs(alice.stubs());
      assertThat(alice2.stubs()).isSameAs(alice.stubs());
      assertThat(pool.openTransports()).isEqualTo(2);
      assertThat(alice.key().toString()).doesNotContain("alice-key");
    }
  }

  @Test
  void differentTlsMaterialNeverShares(@TempDir Path dir) throws Exception {
    Path caA = Files.writeString(dir.resolve("a.pem"), "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
    Path caB = Files.writeString(dir.resolve("b.pem"), "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n");
    TransportKey a = TransportKey.of(tls(caA));
    TransportKey b = TransportKey.of(tls(caB));
    assertThat(a).isNotEqualTo(b);
    assertThat(a.tlsFingerprint()).isNotEqualTo("plaintext");
    // Same content under another path is the same identity.
    Path caACopy = Files.copy(caA, dir.resolve("a-copy.pem"));
    assertThat(TransportKey.of(tls(caACopy))).isEqualTo(a);
  }

  @Test
  void closedPoolRefusesLeases() {
    TransportPool pool = new TransportPool(new NoopScope(), List.of());
    pool.close();
    assertThatThrownBy(() -> pool.lease(ConnectionConfig.plaintext("127.0.0.1:7233", "ns")))
        .isInstanceOf(IllegalStateException.class);
  }

  static ConnectionConfig tls(Path ca) {
    ConnectionConfig plain = ConnectionConfig.plaintext("127.0.0.1:7233", "ns");
    return new ConnectionConfig(plain.target(), plain.namespace(), Optional.of(new TlsFiles(null, null, ca, null)),
        Optional.empty(), plain.keepAliveTime(), plain.keepAliveTimeout(), plain.reconnectFrequency(), false);
  }
}
