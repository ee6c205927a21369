package dev.loadharness.reports.record;

/**
 * Which side of the run saturated first, server or workers, judged tick by tick on the run's series by a
 * stated rule.
 *
 * @param first {@value #SERVER}, {@value #WORKERS}, {@value #BOTH} (the same tick) or {@value #NEITHER}
 * @param serverAtS seconds into the run the server first met its saturation condition; null: never
 * @param workersAtS seconds into the run the workers first met theirs; null: never
 * @param serverSignal what the server showed at that tick, null when never
 * @param workersSignal what the workers showed at that tick, null when never
 * @param rule the rule, in words
 */
public record Saturation(String first, Double serverAtS, Double workersAtS, String serverSignal,
    String workersSignal, String rule) {
  /** The server saturated first. */
  public static final String SERVER = "server";
  /** The workers saturated first. */
  public static final String WORKERS = "workers";
  /** Both in the same tick. */
  public static final String BOTH = "both";
  /** Neither met its condition. */
  public static final String NEITHER = "neither";

  /** Validates {@code first} against the times. */
  public Saturation {
    if (first == null || !java.util.Set.of(SERVER, WORKERS, BOTH, NEITHER).contains(first)) {
      throw new IllegalArgumentException("saturation.first must be server, workers, both or neither, was " + first);
    }
  }

  /** One line for people, e.g. "workers saturated first, at 12.0 s (slots used 96% of the limit)". */
  public String line() {
    return switch (first) {
      case NEITHER -> "neither side saturated";
      case BOTH -> String.format(java.util.Locale.ROOT, "server and workers saturated in the same tick, at %.1f s "
          + "(server: %s; workers: %s)", serverAtS, serverSignal, workersSignal);
      case SERVER -> String.format(java.util.Locale.ROOT, "the server saturated first, at %.1f s (%s)%s", serverAtS,
          serverSignal, workersAtS == null ? "; the workers never did" : String.format(java.util.Locale.ROOT,
              "; the workers at %.1f s", workersAtS));
      default -> String.format(java.util.Locale.ROOT, "the workers saturated first, at %.1f s (%s)%s", workersAtS,
          workersSignal, serverAtS == null ? "; the server never did" : String.format(java.util.Locale.ROOT,
              "; the server at %.1f s", serverAtS));
    };
  }
}
