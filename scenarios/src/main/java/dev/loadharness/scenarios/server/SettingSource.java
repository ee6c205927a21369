package dev.loadharness.scenarios.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a setting from a system property or an environment variable, property first (a {@code -D}
 * on the command line is the more deliberate choice), and remembers which one it came from so
 * errors can name it.
 */
public final class SettingSource {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

  private final Map<String, String> env;
  private final Properties properties;

  public SettingSource(Map<String, String> env, Properties properties) {
    this.env = Map.copyOf(env);
    this.properties = (Properties) properties.clone();
  }

  /** The process's real environment and system properties. */
  public static SettingSource system() {
    return new SettingSource(System.getenv(), System.getProperties());
  }

  /** A value and where it was set, e.g. "-Dtemporal.server" or "TEMPORAL_SERVER". */
  public record Setting(String value, String source) {}

  /** The non-blank value of {@code -Dproperty} or else {@code $variable}. */
  public Optional<Setting> get(String property, String variable) {
    String fromProperty = properties.getProperty(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Optional.of(new Setting(fromProperty.trim(), "-D" + property));
    }
    String fromEnv = env.get(variable);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new Setting(fromEnv.trim(), variable));
    }
    return Optional.empty();
  }

  /** The whole environment, for look-ups that follow other tools' rules (DOCKER_HOST). */
  public Map<String, String> environment() {
    return env;
  }

  /** The raw environment, for PATH look-ups. */
  public Optional<String> env(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
  }

  /** A duration such as {@code 60s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
  public Optional<Duration> duration(String property, String variable) {
    return get(property, variable).map(SettingSource::parseDuration);
  }

  static Duration parseDuration(Setting setting) {
    Matcher m = DURATION.matcher(setting.value());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          setting.source() + ": '" + setting.value() + "' is not a positive duration; use e.g. 60s, 500ms or 2m");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** An integer in {@code [min, max]}. */
  public Optional<Integer> integer(String property, String variable, int min, int max) {
    return get(property, variable)
        .map(
            s -> {
              try {
                int value = Integer.parseInt(s.value());
                if (value >= min && value <= max) {
                  return value;
                }
              } catch (NumberFormatException ignored) {
                // reported below with the allowed range
              }
              throw new IllegalArgumentException(
                  s.source() + ": '" + s.value() + "' is not a whole number in " + min + ".." + max);
            });
  }
}
