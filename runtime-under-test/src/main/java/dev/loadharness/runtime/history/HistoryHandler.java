package dev.loadharness.runtime.history;

/**
 * Receives the histories of one input in order: most inputs hold one, an array of histories (as the
 * Temporal features harness writes) holds several, and each gets its own start and its own end.
 */
public interface HistoryHandler {

  /** A history starts (index 0, 1, ...; arrayOfHistories when the input is an array of them); returns its sink. */
  HistoryEventSink start(int index, boolean arrayOfHistories) throws HistoryDecodeException;

  /** The history at index is complete and valid. */
  void completed(int index, int events);

  /** The history at index is not valid; the decoder goes on with the next one of the same input. */
  void rejected(int index, HistoryDecodeException why);
}
