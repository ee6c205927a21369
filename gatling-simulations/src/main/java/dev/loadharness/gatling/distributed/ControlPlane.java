package dev.loadharness.gatling.distributed;

import dev.loadharness.scenarios.server.ConnectionSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Temporal cluster that coordinates a distributed run (its load-test workflow and the drivers' task
 * queue): the cluster under test unless {@code TLH_CONTROL_ADDRESS} names another. Its settings are the
 * {@code TEMPORAL_*} ones with the prefix {@code TLH_CONTROL_} ({@code TLH_CONTROL_NAMESPACE},
 * {@code TLH_CONTROL_TLS_CERT}, {@code _KEY}, {@code _CA}, {@code _SERVER_NAME}, {@code TLH_CONTROL_API_KEY}),
 * read by the same {@link ConnectionSettings#fromEnvironment}.
 */
public final class ControlPlane {
  /** The prefix of the control plane's settings. */
  public static final String PREFIX = "TLH_CONTROL_";

  private ControlPlane() {}

  /** The control plane {@code env} names, or empty when it names none (the cluster under test coordinates). */
  public static Optional<ConnectionSettings> fromEnvironment(Map<String, String> env) {
    if (env.get(PREFIX + "ADDRESS") == null || env.get(PREFIX + "ADDRESS").isBlank()) {
      return Optional.empty();
    }
    Map<String, String> renamed = new HashMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith(PREFIX)) {
        renamed.put("TEMPORAL_" + k.substring(PREFIX.length()), v);
      }
    });
    try {
      return Optional.of(ConnectionSettings.fromEnvironment(renamed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + "*: " + e.getMessage().replace("TEMPORAL_", PREFIX), e);
    }
  }

  /** {@code control} as {@code TLH_CONTROL_*} variables, for a driver process's environment. */
  public static Map<String, String> toEnvironment(ConnectionSettings control) {
    Map<String, String> env = new HashMap<>();
    control.toEnvironment().forEach((k, v) -> env.put(PREFIX + k.substring("TEMPORAL_".length()), v));
    return env;
  }
}
