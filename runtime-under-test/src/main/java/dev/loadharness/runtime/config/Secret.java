package dev.loadharness.runtime.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A credential that must never reach a log, a metric tag or an exception message: {@code toString}
 * is fixed and the value is read only where it is handed to the SDK.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-blank credential; the error for a blank one names the variable but no value. */
  public static Secret of(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(variable + ": must not be blank when set");
    }
    return new Secret(value);
  }

  /** The credential itself; call only where it is passed to the SDK. */
  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of the credential in {@code text}, for messages built from causes. */
  public String scrub(String text) {
    return text == null ? null : text.replace(value, "<redacted>");
  }

  /** A SHA-256 prefix that identifies the credential (for transport keys) without revealing it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(
        other.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
