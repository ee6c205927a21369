package dev.loadharness.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server is and how the shared transport to it behaves.
 *
 * @param target TEMPORAL_ADDRESS, {@code host:port}
 * @param namespace TEMPORAL_NAMESPACE
 * @param tls TLS files, empty for plaintext (an API key alone switches on TLS with the JVM trust store)
 * @param apiKey TEMPORAL_API_KEY, sent as a bearer token
 * @param keepAliveTime TEMPORAL_KEEPALIVE_TIME_MS, zero disables gRPC keepalive pings
 * @param keepAliveTimeout TEMPORAL_KEEPALIVE_TIMEOUT_MS
 * @param reconnectFrequency TEMPORAL_GRPC_RECONNECT_FREQUENCY_MS: how often the SDK forces the channel
 *     idle (and so re-handshakes); zero disables it
 * @param prewarm TEMPORAL_TRANSPORT_PREWARM: connect and health-check at boot, in parallel with registration
 */
public record ConnectionConfig(
    String target,
    String namespace,
    Optional<TlsFiles> tls,
    Optional<Secret> apiKey,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration reconnectFrequency,
    boolean prewarm) {

  public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofSeconds(30);
  public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(15);
  /** The SDK's own default: force the channel idle once a minute. */
  public static final Duration DEFAULT_RECONNECT_FREQUENCY = Duration.ofMinutes(1);

  public ConnectionConfig {
    Check.nonBlank("TEMPORAL_ADDRESS", target);
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1 || !target.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      throw new ConfigException("TEMPORAL_ADDRESS", target, "host:port, e.g. 127.0.0.1:7233");
    }
    int port = Integer.parseInt(target.substring(colon + 1));
    Check.range("TEMPORAL_ADDRESS (port)", port, 1, 65535);
    Check.nonBlank("TEMPORAL_NAMESPACE", namespace);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(apiKey, "apiKey");
    Check.millis("TEMPORAL_KEEPALIVE_TIME_MS", keepAliveTime, 0, Duration.ofHours(2).toMillis());
    if (!keepAliveTime.isZero()) {
      Check.millis("TEMPORAL_KEEPALIVE_TIME_MS", keepAliveTime, 10_000, Duration.ofHours(2).toMillis());
    }
    Check.millis("TEMPORAL_KEEPALIVE_TIMEOUT_MS", keepAliveTimeout, 1_000, Duration.ofMinutes(10).toMillis());
    Check.millis("TEMPORAL_GRPC_RECONNECT_FREQUENCY_MS", reconnectFrequency, 0, Duration.ofDays(1).toMillis());
  }

  /** Plaintext to a local server with the SDK's default transport tuning. */
  public static ConnectionConfig plaintext(String target, String namespace) {
    return new ConnectionConfig(
        target, namespace, Optional.empty(), Optional.empty(),
        DEFAULT_KEEPALIVE_TIME, DEFAULT_KEEPALIVE_TIMEOUT, DEFAULT_RECONNECT_FREQUENCY, true);
  }

  /** True when TLS is used, from files or because an API key needs it. */
  public boolean usesTls() {
    return tls.isPresent() || apiKey.isPresent();
  }

  @Override
  public String toString() {
    return "ConnectionConfig[target=" + target + ", namespace=" + namespace
        + ", tls=" + tls.map(Object::toString).orElse("off")
        + ", apiKey=" + (apiKey.isPresent() ? "<redacted>" : "none")
        + ", keepAliveTime=" + keepAliveTime + ", keepAliveTimeout=" + keepAliveTimeout
        + ", reconnectFrequency=" + reconnectFrequency + ", prewarm=" + prewarm + "]";
  }
}
