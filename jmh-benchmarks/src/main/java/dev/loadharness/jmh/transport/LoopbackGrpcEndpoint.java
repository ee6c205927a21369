package dev.loadharness.jmh.transport;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC endpoint on 127.0.0.1 that answers the health check the SDK's stubs make, in plaintext or
 * TLS with a self-signed certificate made at set-up by the JDK's keytool (no key material is
 * committed). Enough for "time to the first successful RPC", which is what a connection costs.
 */
final class LoopbackGrpcEndpoint implements AutoCloseable {
  private static final String WORKFLOW_SERVICE = "temporal.api.workflowservice.v1.WorkflowService";

  private final Server server;
  private final Path certificate;

  private LoopbackGrpcEndpoint(Server server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** Starts the endpoint; with {@code tls}, the certificate goes to {@code dir}. */
  static LoopbackGrpcEndpoint start(boolean tls, Path dir) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(WORKFLOW_SERVICE, HealthCheckResponse.ServingStatus.SERVING);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(health.getHealthService());
    Path certificate = null;
    if (tls) {
      Path store = selfSignedKeyStore(dir);
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (FileInputStream in = new FileInputStream(store.toFile())) {
        keyStore.load(in, "changeit".toCharArray());
      }
      certificate = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", keyStore.getCertificate("server").getEncoded()));
      PrivateKey key = (PrivateKey) keyStore.getKey("server", "changeit".toCharArray());
      Path keyFile = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
      builder.sslContext(GrpcSslContexts.forServer(certificate.toFile(), keyFile.toFile()).build());
    }
    return new LoopbackGrpcEndpoint(builder.build().start(), certificate);
  }

  private static Path selfSignedKeyStore(Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool could not make a self-signed certificate: " + output);
    }
    return store;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** {@code 127.0.0.1:port}. */
  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The server certificate (PEM) clients trust, or null for plaintext. */
  Path certificate() {
    return certificate;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
