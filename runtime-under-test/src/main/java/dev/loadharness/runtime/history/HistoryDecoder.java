package dev.loadharness.runtime.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonToken;
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
 * Decodes a workflow history from a stream, one event at a time, into a {@link HistoryEventSink}.
 *
 * <p>The input's shape is found from its first bytes, never from a file name: gzip by its magic bytes
 * (1f 8b), then JSON by a leading '{' or '[' and protobuf {@code History} by the tag of its repeated
 * events field (0x0a). JSON may be the history object ({@code {"events": [...]}}), a
 * GetWorkflowExecutionHistory response ({@code {"history": {"events": [...]}}}) or a bare array of
 * events. Only the event being decoded is held; the caller's sink decides what to keep. Thread-safe.
 */
public final class HistoryDecoder {

  private static final int BUFFER = 16 * 1024;
  // The caller owns the stream: the parser must not close it (a CLI's stdout closed early gets SIGPIPE).
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  /** Decodes the stream (which this method does not close) into the sink. */
  public DecodeSummary decode(InputStream in, HistoryEventSink sink) throws HistoryDecodeException {
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
    CheckingSink checking = new CheckingSink(sink);
    if (looksLikeProtobuf(content)) {
      decodeProtobuf(content, raw, gzip, checking);
      return new DecodeSummary(HistoryFormat.PROTOBUF, gzip, drain(raw, buffered), checking.count);
    }
    if (first == '{' || first == '[') {
      decodeJson(content, raw, gzip, checking);
      return new DecodeSummary(HistoryFormat.JSON, gzip, drain(raw, buffered), checking.count);
    }
    String what = first < 0 ? "the input is empty" : String.format("it starts with byte 0x%02x", first);
    throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, 0, -1,
        what + "; expected JSON ('{' or '['), a protobuf History (0x0a) or gzip of either", null);
  }

  private static void decodeJson(InputStream in, CountingInputStream raw, boolean gzip, CheckingSink sink)
      throws HistoryDecodeException {
    try (JsonParser p = JSON.createParser(in)) {
      try {
        JsonToken t = p.nextToken();
        boolean found = t == JsonToken.START_ARRAY ? readEvents(p, sink) : readHistoryObject(p, sink);
        if (!found) {
          throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset(p), -1,
              "JSON has no \"events\" array (expected {\"events\": [...]} as written by "
                  + "'temporal workflow show --output json' or the SDK)", null);
        }
        sink.finish(offset(p));
      } catch (ZipException | EOFException e) {
        if (gzip) {
          throw gzipFailure(raw, sink.count, e);
        }
        throw new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, offset(p), sink.count, e.getMessage(), e);
      } catch (JsonEOFException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, offset(p), sink.count,
            "the JSON ends before the history does (" + firstLine(e.getOriginalMessage()) + ")", e);
      } catch (JsonParseException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset(p), sink.count,
            firstLine(e.getOriginalMessage()), e);
      } catch (IOException e) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.MALFORMED, offset(p), sink.count,
            (p.currentName() == null ? "" : "field \"" + p.currentName() + "\": ") + e.getMessage(), e);
      }
    } catch (IOException opening) {
      // Jackson reads ahead when it creates the parser (to detect the encoding), so input errors surface here too.
      throw gzip ? gzipFailure(raw, sink.count, opening)
          : new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, raw.count(), -1, opening.getMessage(), opening);
    }
  }

  private static boolean readHistoryObject(JsonParser p, CheckingSink sink) throws IOException, HistoryDecodeException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return false;
    }
    boolean found = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
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
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonEOFException(p, p.currentToken(), "expected a field name or '}'");
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

  private static void decodeProtobuf(InputStream in, CountingInputStream raw, boolean gzip, CheckingSink sink)
      throws HistoryDecodeException {
    CodedInputStream cis = CodedInputStream.newInstance(in, BUFFER);
    cis.setSizeLimit(Integer.MAX_VALUE);
    ExtensionRegistryLite registry = ExtensionRegistryLite.getEmptyRegistry();
    try {
      while (!cis.isAtEnd()) {
        int tag = cis.readTag();
        if (tag == 0x0a) {
          sink.accept(cis.getTotalBytesRead(), cis.readMessage(HistoryEvent.parser(), registry));
        } else if (!cis.skipField(tag)) {
          break;
        }
      }
      sink.finish(cis.getTotalBytesRead());
    } catch (ZipException | EOFException e) {
      throw gzip ? gzipFailure(raw, sink.count, e)
          : new HistoryDecodeException(HistoryDecodeException.Cause.TRUNCATED, cis.getTotalBytesRead(), sink.count, e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      boolean truncated = e.getMessage() != null && e.getMessage().contains("ended unexpectedly");
      throw new HistoryDecodeException(truncated ? HistoryDecodeException.Cause.TRUNCATED : HistoryDecodeException.Cause.MALFORMED,
          cis.getTotalBytesRead(), sink.count, "protobuf History: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, cis.getTotalBytesRead(), sink.count, e.getMessage(), e);
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
      if (e.getEventId() != count + 1L) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset, count,
            "event ids must run 1, 2, 3, ...: expected " + (count + 1) + " but found " + e.getEventId(), null);
      }
      target.accept(count, e);
      count++;
    }

    void finish(long offset) throws HistoryDecodeException {
      if (count == 0) {
        throw new HistoryDecodeException(HistoryDecodeException.Cause.NOT_A_HISTORY, offset, -1, "the history has no events", null);
      }
    }
  }
}
