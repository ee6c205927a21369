package dev.loadharness.scenarios.server;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Paths to PEM files for mTLS: client certificate and PKCS#8 key (both or neither) and an optional
 * CA bundle to trust instead of the JVM's default trust store. Only paths are kept, never contents,
 * so printing this is safe.
 *
 * @param clientCert client certificate chain (PEM), or null for server-only TLS
 * @param clientKey client private key (PKCS#8 PEM), or null
 * @param caCert CA certificates to trust (PEM), or null for the JVM defaults
 * @param serverName overrides the TLS authority checked against the server certificate, or null
 */
public record TlsMaterial(Path clientCert, Path clientKey, Path caCert, String serverName) {

  public TlsMaterial {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: got cert="
              + clientCert
              + ", key="
              + clientKey);
    }
    requireReadable("TEMPORAL_TLS_CERT", clientCert);
    requireReadable("TEMPORAL_TLS_KEY", clientKey);
    requireReadable("TEMPORAL_TLS_CA", caCert);
  }

  /** The optional authority override. */
  public Optional<String> serverNameOverride() {
    return Optional.ofNullable(serverName).filter(s -> !s.isBlank());
  }

  /** Builds the gRPC client TLS context from the files. */
  public SslContext sslContext() {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (caCert != null) {
        builder.trustManager(caCert.toFile());
      }
      if (clientCert != null) {
        builder.keyManager(clientCert.toFile(), clientKey.toFile());
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TLS material is not usable (cert=" + clientCert + ", key=" + clientKey + ", ca=" + caCert
              + "): " + e.getMessage(), e);
    }
  }

  private static void requireReadable(String variable, Path path) {
    if (path == null) {
      return;
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(variable + ": file '" + path + "' does not exist or is not readable");
    }
    try {
      if (Files.size(path) == 0) {
        throw new IllegalArgumentException(variable + ": file '" + path + "' is empty");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(variable + ": cannot read '" + path + "': " + e.getMessage(), e);
    }
  }
}
