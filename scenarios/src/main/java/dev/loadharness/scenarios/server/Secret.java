package dev.loadharness.scenarios.server;

import java.util.Objects;

/**
 * A credential that must never reach a log, a run record or an exception message. Its {@code
 * toString} is fixed; the value is read only where it is handed to the SDK.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-blank credential. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
