package dev.loadharness.scenarios.server;

import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a client or worker needs to reach a server. {@link #toString()} never shows the API
 * key, so it is safe to log and to put into run records.
 *
 * @param target gRPC target, {@code host:port}
 * @param namespace Temporal namespace
 * @param tls TLS material, empty for plaintext
 * @param apiKey API key sent as a bearer token, empty for none
 */
public record ConnectionSettings(
    String target, String namespace, Optional<TlsFiles> tls, Optional<Secret> apiKey) {
  static final String ADDRESS = "TEMPORAL_ADDRESS";
  static final String NAMESPACE = "TEMPORAL_NAMESPACE";
  static final String TLS_CERT = "TEMPORAL_TLS_CERT";
  static final String TLS_KEY = "TEMPORAL_TLS_KEY";
  static final String TLS_CA = "TEMPORAL_TLS_CA";
  static final String TLS_SERVER_NAME = "TEMPORAL_TLS_SERVER_NAME";
  static final String API_KEY = "TEMPORAL_API_KEY";

  public ConnectionSettings {
    if (target == null || target.isBlank() || !target.contains(":")) {
      throw new IllegalArgumentException("target: expected host:port, got '" + target + "'");
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("namespace: must not be blank");
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(apiKey, "apiKey");
  }

  /** A plaintext connection, as local servers use. */
  public static ConnectionSettings plaintext(String target, String namespace) {
    return new ConnectionSettings(target, namespace, Optional.empty(), Optional.empty());
  }

  /** True when the connection uses TLS, either from material or because an API key needs HTTPS. */
  public boolean usesTls() {
    return tls.isPresent() || apiKey.isPresent();
  }

  /** Service-stub options for these settings; callers add their own tuning on top. */
  public WorkflowServiceStubsOptions.Builder toStubsOptions() {
    WorkflowServiceStubsOptions.Builder builder = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    tls.ifPresent(
        material -> {
          builder.setSslContext(material.sslContext());
          material
              .serverNameOverride()
              .ifPresent(name -> builder.setChannelInitializer(channel -> channel.overrideAuthority(name)));
        });
    apiKey.ifPresent(
        key -> {
          builder.addApiKey(key::reveal);
          if (tls.isEmpty()) {
            builder.setEnableHttps(true);
          }
        });
    return builder;
  }

  /**
   * The settings as the runtime's environment keys ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE},
   * {@code TEMPORAL_TLS_*}, {@code TEMPORAL_API_KEY}): how a worker process receives them. The API key
   * travels only in a child's environment, never on a command line; {@link #fromEnvironment} reads it back.
   */
  public Map<String, String> toEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ADDRESS, target);
    env.put(NAMESPACE, namespace);
    tls.ifPresent(files -> {
      putPath(env, TLS_CERT, files.clientCert());
      putPath(env, TLS_KEY, files.clientKey());
      putPath(env, TLS_CA, files.caCert());
      files.serverNameOverride().ifPresent(name -> env.put(TLS_SERVER_NAME, name));
    });
    apiKey.ifPresent(key -> env.put(API_KEY, key.reveal()));
    return env;
  }

  /** The settings {@link #toEnvironment} wrote; a missing address or namespace is an error naming the key. */
  public static ConnectionSettings fromEnvironment(Map<String, String> env) {
    String target = env.get(ADDRESS);
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException(ADDRESS + ": not set; expected host:port");
    }
    Optional<Path> cert = Optional.ofNullable(env.get(TLS_CERT)).map(Path::of);
    Optional<Path> key = Optional.ofNullable(env.get(TLS_KEY)).map(Path::of);
    Optional<Path> ca = Optional.ofNullable(env.get(TLS_CA)).map(Path::of);
    Optional<String> serverName = Optional.ofNullable(env.get(TLS_SERVER_NAME));
    Optional<TlsFiles> tls = cert.isPresent() || key.isPresent() || ca.isPresent() || serverName.isPresent()
        ? Optional.of(new TlsFiles(cert.orElse(null), key.orElse(null), ca.orElse(null), serverName.orElse(null)))
        : Optional.empty();
    Optional<Secret> apiKey = Optional.ofNullable(env.get(API_KEY)).map(v -> Secret.of(API_KEY, v));
    return new ConnectionSettings(target, env.getOrDefault(NAMESPACE, "default"), tls, apiKey);
  }

  private static void putPath(Map<String, String> env, String key, Path path) {
    if (path != null) {
      env.put(key, path.toAbsolutePath().toString());
    }
  }

  @Override
  public String toString() {
    return "ConnectionSettings[target="
        + target
        + ", namespace="
        + namespace
        + ", tls="
        + tls.map(Object::toString).orElse("off")
        + ", apiKey="
        + (apiKey.isPresent() ? "<redacted>" : "none")
        + "]";
  }
}
