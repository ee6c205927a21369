package dev.loadharness.runtime.history;

import java.util.Objects;

/**
 * What a decoder read.
 *
 * @param format the encoding found
 * @param gzip whether the input was gzip-compressed
 * @param bytes bytes read from the input as given (compressed bytes for gzip)
 * @param events number of events handed to the sink
 */
public record DecodeSummary(HistoryFormat format, boolean gzip, long bytes, int events) {

  /** Validates the summary. */
  public DecodeSummary {
    Objects.requireNonNull(format, "format");
    if (bytes < 0 || events < 0) {
      throw new IllegalArgumentException("bytes and events must be >= 0, got " + bytes + ", " + events);
    }
  }
}
