package dev.loadharness.reports.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of a run: every threshold held, one breached, or the run itself could not complete. */
public enum Verdict {
  /** Every threshold held and every workflow was accounted for. */
  PASS,
  /** At least one threshold was breached. */
  FAIL,
  /** The run could not be measured (server, worker or driver error). */
  ERROR,
  /** A signal (SIGINT, SIGTERM) stopped the run; what was measured until then is kept. */
  INTERRUPTED;

  /** The JSON spelling: lower case. */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the JSON spelling, naming the allowed values on error. */
  @JsonCreator
  public static Verdict parse(String value) {
    for (Verdict v : values()) {
      if (v.json().equals(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("verdict must be one of pass, fail, error, interrupted; was \"" + value + "\"");
  }
}
