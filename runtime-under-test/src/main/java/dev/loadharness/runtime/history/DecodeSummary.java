package dev.loadharness.runtime.history;

import java.util.Objects;

/**
 * What a decoder read.
 *
 * @param format the encoding found
 * @param gzip whether the input was gzip-compressed
 * @param bytes bytes read from the input as given (compressed bytes for gzip)
 * @param events number of events handed to the sinks (all histories)
 * @param histories number of histories the input holds (more than one only for an array of histories)
 * @param arrayOfHistories whether the input is a JSON array of history objects
 */
public record DecodeSummary(HistoryFormat format, boolean gzip, long bytes, int events, int histories,
    boolean arrayOfHistories) {

  /** Validates the summary. */
  public DecodeSummary {
    Objects.requireNonNull(format, "format");
    if (bytes < 0 || events < 0 || histories < 0) {
      throw new IllegalArgumentException("bytes, events and histories must be >= 0, got " + bytes + ", " + events
          + ", " + histories);
    }
  }
}
