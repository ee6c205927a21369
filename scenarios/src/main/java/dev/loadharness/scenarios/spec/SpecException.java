package dev.loadharness.scenarios.spec;

import java.util.List;

/** A scenario that cannot run: one message per problem, each naming the file and the field path. */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SpecException(String source, List<String> problems) {
    // One problem is one line (scripts print it as the error line); several are listed one per line.
    super(problems.size() == 1 ? source + ": " + problems.get(0)
        : source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, e.g. {@code thresholds[2].metric: unknown metric "pol_p95"; known: ...}. */
  public List<String> problems() {
    return problems;
  }
}
