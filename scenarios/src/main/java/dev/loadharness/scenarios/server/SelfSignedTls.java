package dev.loadharness.scenarios.server;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 / localhost made at set-up by the JDK's keytool, so
 * no key material is committed; written as PEM files a client can trust.
 *
 * @param certificate the server certificate (also the CA a client trusts)
 * @param key the server's PKCS#8 private key
 */
public record SelfSignedTls(Path certificate, Path key) {

  /** Makes a fresh certificate and key under {@code dir}. */
  public static SelfSignedTls create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
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
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "changeit".toCharArray());
    }
    Path certificate =
        Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", keyStore.getCertificate("server").getEncoded()));
    PrivateKey key = (PrivateKey) keyStore.getKey("server", "changeit".toCharArray());
    return new SelfSignedTls(certificate, Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded())));
  }

  /** The server side's SslContext for gRPC. */
  public SslContext serverContext() throws IOException {
    return GrpcSslContexts.forServer(certificate.toFile(), key.toFile()).build();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
