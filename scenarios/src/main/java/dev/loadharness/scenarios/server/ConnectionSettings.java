package dev.loadharness.scenarios.server;

import dev.loadharness.runtime.config.Secret;
import dev.loadharness.runtime.config.TlsFiles;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
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
