package dev.loadharness.runtime.transport;

import dev.loadharness.runtime.config.ConnectionConfig;
import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import java.time.Duration;

/**
 * What makes two transports interchangeable: the same target, the same TLS material (by content
 * fingerprint, not path), the same auth identity (API key fingerprint) and the same channel tuning.
 * Different TLS identities never share a channel.
 *
 * @param target {@code host:port}
 * @param tlsFingerprint "plaintext", "system-trust" or a hash of the TLS files' contents
 * @param authIdentity "anonymous" or a hash of the API key
 * @param tuning keepalive and reconnect settings, which are fixed per channel
 */
public record TransportKey(String target, String tlsFingerprint, String authIdentity, String tuning) {

  /** The key of a connection's transport. */
  public static TransportKey of(ConnectionConfig config) {
    String tls = config.tls().map(TlsFiles::fingerprint).orElse(config.usesTls() ? "system-trust" : "plaintext");
    String auth = config.apiKey().map(Secret::fingerprint).map(f -> "api-key:" + f).orElse("anonymous");
    return new TransportKey(config.target(), tls, auth, tuning(config));
  }

  private static String tuning(ConnectionConfig config) {
    return "keepalive=" + millis(config.keepAliveTime()) + "/" + millis(config.keepAliveTimeout())
        + ",reconnect=" + millis(config.reconnectFrequency());
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }
}
