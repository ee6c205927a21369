package dev.loadharness.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How many long polls a worker keeps open per task kind (TEMPORAL_POLLER_MODE). */
public enum PollerMode {
  /** A fixed number of pollers per kind. */
  FIXED("fixed"),
  /** The SDK's PollerBehaviorAutoscaling between min and max, driven by server hints. */
  AUTOSCALING("autoscaling"),
  /** Autoscaling whose maximum never exceeds the kind's slot maximum: a poll holds a slot anyway. */
  SLOT_BOUNDED("slot-bounded");

  private final String id;

  PollerMode(String id) {
    this.id = id;
  }

  /** The configuration spelling. */
  public String id() {
    return id;
  }

  /** Parses the configuration spelling, naming the variable on failure. */
  public static PollerMode parse(String variable, String value) {
    for (PollerMode mode : values()) {
      if (mode.id.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new ConfigException(variable, value,
        "one of " + Arrays.stream(values()).map(PollerMode::id).collect(Collectors.joining("|")));
  }
}
