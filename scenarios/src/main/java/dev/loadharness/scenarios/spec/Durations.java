package dev.loadharness.scenarios.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration spelling of spec files: a whole number with ms, s, m or h ("30s", "500ms"). */
final class Durations {
  static final String FORMAT = "a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 10m";
  private static final Pattern PATTERN = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  static Optional<Duration> parse(String text) {
    Matcher m = text == null ? null : PATTERN.matcher(text.trim());
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    });
  }
}
