package dev.loadharness.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which slot policy a worker uses (TEMPORAL_TUNER). The load suite's {@code --compare} also runs the SDK's
 * poller autoscaling, which is a poller behaviour on fixed slots, not a tuner of this runtime.
 */
public enum TunerKind {
  /** The SDK's fixed-size slot suppliers at the initial limits. */
  FIXED("fixed"),
  /** This runtime's adaptive controller (also selected by TEMPORAL_DYNAMIC_CONCURRENCY=true). */
  ADAPTIVE("adaptive"),
  /** The SDK's ResourceBasedTuner (CPU and memory targets). */
  SDK_RESOURCE_BASED("sdk-resource-based");

  private final String id;

  TunerKind(String id) {
    this.id = id;
  }

  /** The configuration spelling. */
  public String id() {
    return id;
  }

  /** Parses the configuration spelling, naming the variable on failure. */
  public static TunerKind parse(String variable, String value) {
    for (TunerKind kind : values()) {
      if (kind.id.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new ConfigException(variable, value,
        "one of " + Arrays.stream(values()).map(TunerKind::id).collect(Collectors.joining("|")));
  }
}
