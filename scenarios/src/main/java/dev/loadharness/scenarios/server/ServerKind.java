package dev.loadharness.scenarios.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of Temporal server a run can use; {@link #id()} is the spelling users type. */
public enum ServerKind {
  IN_MEMORY("in-memory"),
  DEV_SERVER("dev-server"),
  TESTCONTAINERS("testcontainers"),
  EXTERNAL("external");

  /** The request that lets {@link ServerSelector} choose. */
  public static final String AUTO = "auto";

  private final String id;

  ServerKind(String id) {
    this.id = id;
  }

  /** The name used on the command line, in specs and in run records. */
  public String id() {
    return id;
  }

  /** Every value a user may pass: {@code auto} followed by each kind. */
  public static String validChoices() {
    return AUTO + ", " + Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(", "));
  }

  /**
   * Parses a kind id (case-insensitive).
   *
   * @param source where the value came from, for the error message
   */
  public static ServerKind parse(String value, String source) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ServerKind kind : values()) {
      if (kind.id.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Temporal server kind '" + value + "' (from " + source + "); valid kinds: " + validChoices());
  }

  @Override
  public String toString() {
    return id;
  }
}
