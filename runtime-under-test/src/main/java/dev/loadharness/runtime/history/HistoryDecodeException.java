package dev.loadharness.runtime.history;

/**
 * A history that cannot be decoded: names where (byte offset and/or event index) and why, so a user can
 * open the file at the offending spot.
 */
public final class HistoryDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a history was rejected. */
  public enum Cause {
    /** The input ends in the middle of a JSON value or a protobuf message. */
    TRUNCATED,
    /** The input starts with the gzip magic bytes but does not inflate. */
    CORRUPT_GZIP,
    /** The input is JSON or protobuf that is malformed. */
    MALFORMED,
    /** The input is well formed but is not a Temporal workflow history. */
    NOT_A_HISTORY,
    /** The input could not be read at all. */
    UNREADABLE
  }

  private final Cause cause;
  private final long byteOffset;
  private final int eventIndex;

  /** Creates an exception; byteOffset and eventIndex are -1 when unknown. */
  public HistoryDecodeException(Cause cause, long byteOffset, int eventIndex, String detail, Throwable source) {
    super(format(cause, byteOffset, eventIndex, detail), source);
    this.cause = cause;
    this.byteOffset = byteOffset;
    this.eventIndex = eventIndex;
  }

  private static String format(Cause cause, long byteOffset, int eventIndex, String detail) {
    StringBuilder s = new StringBuilder(cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    if (byteOffset >= 0) {
      s.append(" at byte offset ").append(byteOffset);
    }
    if (eventIndex >= 0) {
      s.append(", event index ").append(eventIndex);
    }
    return s.append(": ").append(detail).toString();
  }

  /** The kind of problem. */
  public Cause kind() {
    return cause;
  }

  /** Offset in the (decompressed, for gzip: compressed) input where decoding stopped, or -1. */
  public long byteOffset() {
    return byteOffset;
  }

  /** Zero-based index of the event being decoded when it failed, or -1. */
  public int eventIndex() {
    return eventIndex;
  }
}
