package dev.loadharness.runtime.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes workflow histories from a stream, one event at a time, into sinks.
 *
 * <p>The input's shape is found from its first bytes, never from a file name: gzip by its magic bytes
 * (1f 8b), then JSON by a leading '{' or '[' and protobuf {@code History} by the tag of its repeated
 * events field (0x0a). JSON may be the history object ({@code {"events": [...]}}), a
 * GetWorkflowExecutionHistory response ({@code {"history": {"events": [...]}}}), a bare array of
 * events, or an array of history objects ({@code [{"events": [...]}, ...]}, as the Temporal features
 * harness stores them), where each history is checked and reported on its own. Only the event being
 * decoded is held; the caller's sink decides what to keep.
 *
 * <p>Strict where a silent guess would hide a broken file: content after the history (a second,
 * concatenated document or garbage), impossible timestamps, numbers beyond their field's type and
 * non-base64 bytes are errors with the byte offset; what the SDKs' own decoders accept (URL-safe base64,
 * missing padding, enum names in either spelling, unknown fields) is accepted. Every failure, including
 * a runtime exception from a library underneath, comes out as a {@link HistoryDecodeException}.
 * Thread-safe.
 */
public final class HistoryDecoder {

  private static final int BUFFER = 16 * 1024;
  // The caller owns the stream: the parser must not close it (a CLI's stdout closed early gets SIGPIPE).
  // A payload is one JSON string: Jackson's default 20,000,000-character limit would make a history the
  // server accepted (payload limits are server settings) undecodable here; whether the workflow's own
  // data converter can read it is for the replay to find out.
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();

  /**
   * A one-event history that touches every decoding path (ids, times, durations, enums, payload bytes):
   * decoding it once initialises the protobuf descriptors and the decoder's classes, which costs more
   * than decoding a 1 MB history afterwards.
   */
  private static final byte[] WARM_UP = ("{\"events\":[{\"eventId\":\"1\",\"eventTime\":\"2026-01-01T00:00:00.5Z\","
      + "\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\",\"taskId\":\"1\","
      + "\"workflowExecutionStartedEventAttributes\":{\"workflowType\":{\"name\":\"W\"},"
      + "\"taskQueue\":{\"name\":\"q\",\"kind\":\"TASK_QUEUE_KIND_NORMAL\"},\"input\":{\"payloads\":[{\"metadata\":"
      + "{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"IkFkYSI=\"}]},\"workflowRunTimeout\":\"10s\",\"attempt\":1,"
      + "\"retryPolicy\":{\"backoffCoefficient\":2.0}}}]}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Decodes a built-in one-event history and returns its event count (1): run on a spare thread while the
   * command line is parsed, it takes the decoder's one-time initialisation off the first real decode.
   */
  public static int warmUp() {
    try {
      return new HistoryDecoder().decode(new java.io.ByteArrayInputStream(WARM_UP), (i, e) -> { }).events();
    } catch (HistoryDecodeException e) {
      throw new IllegalStateException("the built-in warm-up history does not decode: " + e.getMessage(), e);
    }
  }

  /** Decodes an input that holds one history (an array of histories must hold exactly one) into the sink. */
  public DecodeSummary decode(InputStream in, HistoryEventSink sink) throws HistoryDecodeException {
    HistoryDecodeException[] rejected = {null};
    DecodeSummary summary = decodeAll(in, new HistoryHandler() {
      @Override
      public HistoryEventSink start(int index, boolean arrayOfHistories) throws HistoryDecodeException {
        if (index > 0) {
          throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, -1, -1,
              "the input is an array of several histories where one was expected", null);
        }
        return sink;
      }

      @Override
      public void completed(int index, int events) {
        // the summary says it
      }

      @Override
      public void rejected(int index, HistoryDecodeException why) {
        rejected[0] = why;
      }
    });
    if (rejected[0] != null) {
      throw rejected[0];
    }
    return summary;
  }

  /**
   * Decodes every history of the stream (which this method does not close). A history that is invalid
   * on its own goes to {@link HistoryHandler#rejected} and decoding goes on; an input that cannot be read
   * further (syntax error, truncation, corrupt gzip, trailing content) throws, after the histories
   * completed before it were handed on.
   */
  public DecodeSummary decodeAll(InputStream in, HistoryHandler handler) throws HistoryDecodeException {
    CountingInputStream raw = new CountingInputStream(in);
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    boolean gzip;
    try {
      gzip = startsWithGzipMagic(buffered);
    } catch (IOException e) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, 0, -1, e.getMessage(), e);
    }
    InputStream content = buffered;
    if (gzip) {
      try {
        content = new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
      } catch (IOException e) {
        throw gzipFailure(raw, -1, e);
      }
    }
    int first;
    try {
      first = firstSignificantByte(content);
    } catch (IOException e) {
      throw gzip ? gzipFailure(raw, -1, e)
          : new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, raw.count(), -1, e.getMessage(), e);
    }
    Progress progress = new Progress(handler);
    if (looksLikeProtobuf(content)) {
      decodeProtobuf(content, raw, gzip, progress);
      return new DecodeSummary(HistoryFormat.PROTOBUF, gzip, drain(raw, buffered), progress.events, progress.histories, false);
    }
    if (first == '{' || first == '[') {
      boolean array = decodeJson(content, raw, gzip, progress);
      return new DecodeSummary(HistoryFormat.JSON, gzip, drain(raw, buffered), progress.events, progress.histories, array);
    }
    String what = first < 0 ? "the input is empty" : String.format("it starts with byte 0x%02x", first);
    throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, 0, -1,
        what + "; expected JSON ('{' or '['), a protobuf History (0x0a) or gzip of either", null);
  }

  /** Returns whether the input is an array of histories. */
  private static boolean decodeJson(InputStream in, CountingInputStream raw, boolean gzip, Progress progress)
      throws HistoryDecodeException {
    try (JsonParser p = JSON.createParser(in)) {
      boolean afterRoot = false;
      try {
        JsonToken t = p.nextToken();
        boolean array = false;
        if (t == JsonToken.START_OBJECT) {
          CheckingSink sink = progress.start(0, false);
          if (!readHistoryObject(p, sink)) {
            throw noEvents(p);
          }
          sink.finish(offset(p));
          progress.completed();
        } else {
          array = readTopLevelArray(p, progress);
        }
        afterRoot = true;
        JsonToken extra = p.nextToken();
        if (extra != null) {
          throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED,
              p.currentTokenLocation().getByteOffset(), -1, extra == JsonToken.START_OBJECT || extra == JsonToken.START_ARRAY
                  ? "a second JSON document follows the history (concatenated documents are not one history)"
                  : "trailing content after the history: " + extra, null);
        }
        return array;
      } catch (ZipException | EOFException e) {
        if (gzip) {
          throw gzipFailure(raw, progress.eventIndex(), e);
        }
        throw new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, offset(p), progress.eventIndex(),
            e.getMessage(), e);
      } catch (JsonEOFException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, offset(p), progress.eventIndex(),
            "the JSON ends before the history does (" + firstLine(e.getOriginalMessage()) + ")", e);
      } catch (JsonParseException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset(p), progress.eventIndex(),
            (afterRoot ? "trailing content after the history: " : "") + firstLine(e.getOriginalMessage()), e);
      } catch (IOException | RuntimeException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset(p), progress.eventIndex(),
            describe(p, e), e);
      }
    } catch (IOException opening) {
      // Jackson reads ahead when it creates the parser (to detect the encoding), so input errors surface here too.
      throw gzip ? gzipFailure(raw, progress.eventIndex(), opening)
          : new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, raw.count(), -1, opening.getMessage(), opening);
    }
  }

  /** The parser is on the top-level '['; an array of events is one history, an array of history objects many. */
  private static boolean readTopLevelArray(JsonParser p, Progress progress) throws IOException, HistoryDecodeException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), -1,
          "the JSON is an empty array: no events, no histories", null);
    }
    if (t != JsonToken.START_OBJECT) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), -1,
          "the first element of the top-level array is " + t + ", expected an event or a history object", null);
    }
    JsonToken field = p.nextToken();
    if (field == JsonToken.FIELD_NAME && ("events".equals(p.currentName()) || "history".equals(p.currentName()))) {
      readHistories(p, progress, field);
      return true;
    }
    CheckingSink sink = progress.start(0, false);
    HistoryEvent.Builder event = HistoryEvent.newBuilder();
    ProtoJsonReader.mergeFields(p, field, event);
    sink.accept(offset(p), event.build());
    readEvents(p, sink);
    sink.finish(offset(p));
    progress.completed();
    return false;
  }

  /**
   * Reads an array of history objects; the parser is on the first field of the first one. A history that
   * is invalid in itself (bad ids, a bad value) is rejected and the parser skips to its end, so the next
   * history still gets its verdict; a syntax error ends the input.
   */
  private static void readHistories(JsonParser p, Progress progress, JsonToken firstField)
      throws IOException, HistoryDecodeException {
    JsonStreamContext array = p.getParsingContext().getParent();
    JsonToken t = firstField;
    for (int index = 0; ; index++) {
      CheckingSink sink = progress.start(index, true);
      try {
        if (!readHistoryFields(p, sink, t)) {
          throw noEvents(p);
        }
        sink.finish(offset(p));
        progress.completed();
      } catch (HistoryDecodeException e) {
        progress.rejected(e);
        skipTo(p, array);
      } catch (BadValueException | InputCoercionException | RuntimeException e) {
        progress.rejected(new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset(p), sink.count,
            describe(p, e), e));
        skipTo(p, array);
      }
      JsonToken next = p.nextToken();
      if (next == JsonToken.END_ARRAY) {
        return;
      }
      if (next != JsonToken.START_OBJECT) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), -1,
            "element " + (index + 1) + " of the array of histories is " + next + ", not a history object", null);
      }
      t = p.nextToken();
    }
  }

  /** Advances until the parser is back in the given context (the end of the element it was in). */
  private static void skipTo(JsonParser p, JsonStreamContext context) throws IOException {
    while (p.getParsingContext() != context) {
      if (p.nextToken() == null) {
        throw new JsonEOFException(p, null, "the array of histories is not closed");
      }
    }
  }

  private static HistoryDecodeException noEvents(JsonParser p) {
    return new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), -1,
        "JSON has no \"events\" array (expected {\"events\": [...]} as written by "
            + "'temporal workflow show --output json' or the SDK)", null);
  }

  private static boolean readHistoryObject(JsonParser p, CheckingSink sink) throws IOException, HistoryDecodeException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return false;
    }
    return readHistoryFields(p, sink, p.nextToken());
  }

  /** Reads the fields of a history object from t (its first field name, or '}'). */
  private static boolean readHistoryFields(JsonParser p, CheckingSink sink, JsonToken t)
      throws IOException, HistoryDecodeException {
    boolean found = false;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("events".equals(name) && value == JsonToken.START_ARRAY) {
        found |= readEvents(p, sink);
      } else if ("history".equals(name) && value == JsonToken.START_OBJECT) {
        found |= readHistoryObject(p, sink);
      } else {
        p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonEOFException(p, t, "expected a field name or '}'");
    }
    return found;
  }

  private static boolean readEvents(JsonParser p, CheckingSink sink) throws IOException, HistoryDecodeException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      HistoryEvent.Builder event = HistoryEvent.newBuilder();
      ProtoJsonReader.mergeObject(p, event);
      sink.accept(offset(p), event.build());
    }
    if (t != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonEOFException(p, null, "the events array is not closed");
      }
      throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), sink.count,
          "an element of \"events\" is " + t + ", not an event object", null);
    }
    return true;
  }

  /** One line: the field being read (when known) and what was wrong with it. */
  private static String describe(JsonParser p, Exception e) {
    String what = e instanceof BadValueException ? e.getMessage()
        : e instanceof RuntimeException ? e.getClass().getSimpleName() + ": " + e.getMessage() : String.valueOf(e.getMessage());
    String field;
    try {
      field = p.currentName();
    } catch (IOException | RuntimeException unknown) {
      field = null;
    }
    return firstLine(field == null || what.startsWith("field \"") ? what : "field \"" + field + "\": " + what);
  }

  private static void decodeProtobuf(InputStream in, CountingInputStream raw, boolean gzip, Progress progress)
      throws HistoryDecodeException {
    CodedInputStream cis = CodedInputStream.newInstance(in, BUFFER);
    cis.setSizeLimit(Integer.MAX_VALUE);
    ExtensionRegistryLite registry = ExtensionRegistryLite.getEmptyRegistry();
    CheckingSink sink = progress.start(0, false);
    try {
      while (!cis.isAtEnd()) {
        int tag = cis.readTag();
        if (tag == 0x0a) {
          sink.accept(cis.getTotalBytesRead(), cis.readMessage(HistoryEvent.parser(), registry));
        } else if (!cis.skipField(tag)) {
          throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, cis.getTotalBytesRead(), sink.count,
              "protobuf History: an end-group tag (field " + (tag >>> 3) + ") where a field belongs", null);
        }
      }
      sink.finish(cis.getTotalBytesRead());
      progress.completed();
    } catch (ZipException | EOFException e) {
      throw gzip ? gzipFailure(raw, sink.count, e)
          : new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, cis.getTotalBytesRead(), sink.count, e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      boolean truncated = e.getMessage() != null && e.getMessage().contains("ended unexpectedly");
      throw new HistoryDecodeException(truncated ? HistoryDecodeException.Cause.TRUNCATED : HistoryDecodeException.Cause.MALFORMED,
          cis.getTotalBytesRead(), sink.count, "protobuf History: " + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, cis.getTotalBytesRead(), sink.count, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, cis.getTotalBytesRead(), sink.count,
          "protobuf History: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static HistoryDecodeException gzipFailure(CountingInputStream raw, int eventIndex, IOException e) {
    String why = e instanceof EOFException ? "gzip data ends early (truncated file)" : "gzip data is corrupt";
    return new HistoryDecodeException(HistoryDecodeException.Cause.CORRUPT_GZIP, raw.count(), eventIndex,
        why + " (" + e.getMessage() + "); offset counts compressed bytes read", e);
  }

  private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  /**
   * A History starts with its first event: tag 0x0a, a varint length, then the event's field 1
   * (event_id, tag 0x08). JSON may start with '\n' (also 0x0a) but never has a 0x08 byte there.
   */
  private static boolean looksLikeProtobuf(InputStream in) {
    try {
      in.mark(8);
      try {
        if (in.read() != 0x0a) {
          return false;
        }
        int b;
        int n = 0;
        do {
          b = in.read();
          n++;
        } while (b >= 0x80 && n < 5);
        return b >= 0 && in.read() == 0x08;
      } finally {
        in.reset();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static int firstSignificantByte(InputStream in) throws IOException {
    in.mark(4096);
    int b;
    int seen = 0;
    do {
      b = in.read();
      seen++;
    } while ((b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xef || b == 0xbb || b == 0xbf) && seen < 4096);
    in.reset();
    return b;
  }

  /** Reads what remains so the byte count covers the whole input (trailing whitespace, gzip trailer). */
  private static long drain(CountingInputStream raw, InputStream buffered) {
    try {
      byte[] scratch = new byte[8192];
      while (buffered.read(scratch) >= 0) {
        // counting only
      }
    } catch (IOException ignored) {
      // the history is complete; a read error after it does not change the count already taken
    }
    return raw.count();
  }

  private static long offset(JsonParser p) {
    return p.currentLocation().getByteOffset();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Counts the histories and events of one input and hands each history's start and end to the handler. */
  private static final class Progress {
    private final HistoryHandler handler;
    int histories;
    int events;
    private CheckingSink current;

    Progress(HistoryHandler handler) {
      this.handler = handler;
    }

    CheckingSink start(int index, boolean arrayOfHistories) throws HistoryDecodeException {
      current = new CheckingSink(handler.start(index, arrayOfHistories));
      histories++;
      return current;
    }

    void completed() {
      events += current.count;
      handler.completed(histories - 1, current.count);
      current = null;
    }

    void rejected(HistoryDecodeException why) {
      events += current.count;
      handler.rejected(histories - 1, why);
      current = null;
    }

    /** The index of the event being decoded in the current history, or -1 between histories. */
    int eventIndex() {
      return current == null ? -1 : current.count;
    }
  }

  /** Checks what every history must satisfy: starts with WorkflowExecutionStarted, ids 1, 2, 3, ... */
  private static final class CheckingSink {
    private final HistoryEventSink target;
    int count;

    CheckingSink(HistoryEventSink target) {
      this.target = target;
    }

    void accept(long offset, HistoryEvent e) throws HistoryDecodeException {
      if (count == 0 && e.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset, 0,
            "the first event is " + e.getEventType() + " (id " + e.getEventId()
                + "), a workflow history starts with EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", null);
      }
      if (e.hasEventTime() && !validTime(e.getEventTime())) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset, count,
            "event " + e.getEventId() + " has an impossible time (seconds " + e.getEventTime().getSeconds() + ", nanos "
                + e.getEventTime().getNanos() + "; allowed 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z)", null);
      }
      if (e.getEventId() != count + 1L) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset, count,
            "event ids must run 1, 2, 3, ...: expected " + (count + 1) + " but found " + e.getEventId(), null);
      }
      target.accept(count, e);
      count++;
    }

    private static boolean validTime(com.google.protobuf.Timestamp t) {
      return t.getSeconds() >= -62_135_596_800L && t.getSeconds() <= 253_402_300_799L
          && t.getNanos() >= 0 && t.getNanos() <= 999_999_999;
    }

    void finish(long offset) throws HistoryDecodeException {
      if (count == 0) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset, -1, "the history has no events", null);
      }
    }
  }
}
