package dev.loadharness.runtime.config;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * PEM files for TLS: an optional client certificate and PKCS#8 key (both or neither) and an optional
 * CA bundle. Only paths are kept, so printing this is safe; {@link #fingerprint()} hashes the file
 * contents so two transports share a channel only when they present the same identity.
 *
 * @param clientCert TEMPORAL_TLS_CERT, or null
 * @param clientKey TEMPORAL_TLS_KEY, or null
 * @param caCert TEMPORAL_TLS_CA, or null for the JVM's trust store
 * @param serverName TEMPORAL_TLS_SERVER_NAME: authority checked against the server certificate, or null
 */
public record TlsFiles(Path clientCert, Path clientKey, Path caCert, String serverName) {

  public TlsFiles {
    if ((clientCert == null) != (clientKey == null)) {
      throw new ConfigException(
          "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: got cert=" + clientCert + ", key=" + clientKey);
    }
    readable("TEMPORAL_TLS_CERT", clientCert);
    readable("TEMPORAL_TLS_KEY", clientKey);
    readable("TEMPORAL_TLS_CA", caCert);
  }

  /** The authority override, if any. */
  public Optional<String> serverNameOverride() {
    return Optional.ofNullable(serverName).filter(s -> !s.isBlank());
  }

  /** The gRPC client TLS context: the CA (else the JVM's trust store) and the client key pair, if set. */
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
      throw new IllegalArgumentException("TLS material is not usable (" + this + "): " + e.getMessage(), e);
    }
  }

  /** SHA-256 (hex prefix) over the contents of every file and the server name. */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path path : new Path[] {clientCert, clientKey, caCert}) {
        digest.update(path == null ? new byte[] {0} : Files.readAllBytes(path));
        digest.update((byte) '|');
      }
      digest.update(String.valueOf(serverName).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 12);
    } catch (IOException e) {
      throw new ConfigException("TLS files became unreadable: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void readable(String variable, Path path) {
    if (path == null) {
      return;
    }
    try {
      if (!Files.isRegularFile(path) || !Files.isReadable(path) || Files.size(path) == 0) {
        throw new ConfigException(variable, path, "a readable, non-empty PEM file");
      }
    } catch (IOException e) {
      throw new ConfigException(variable, path, "a readable, non-empty PEM file (" + e.getMessage() + ")");
    }
  }
}
