package dev.loadharness.runtime.history;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps proto3 JSON onto generated protobuf builders straight from Jackson's token stream.
 *
 * <p>Why not {@code JsonFormat}: it first builds a Gson tree of the whole document and then walks it,
 * and the SDK's {@code WorkflowExecutionHistory.fromJson} additionally rewrites enum spellings with
 * JsonPath over the whole text; both hold several copies of the input. Here each token is read once and
 * written into the builder of the field it belongs to, driven by the message descriptors, so memory is
 * bounded by the event being decoded. Field names are looked up in per-descriptor maps holding both the
 * JSON (lowerCamel) and the proto (snake_case) spelling; enum values accept the proto name
 * ({@code EVENT_TYPE_WORKFLOW_EXECUTION_STARTED}, as the Temporal CLI prints), the SDK's simplified
 * name ({@code WorkflowExecutionStarted}) and the number. Unknown fields and unknown enum values are
 * skipped, as {@code JsonFormat.parser().ignoringUnknownFields()} does, so histories written by a newer
 * server still decode.
 */
final class ProtoJsonReader {

  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();
  private static final Map<EnumDescriptor, Map<String, EnumValueDescriptor>> ENUMS = new ConcurrentHashMap<>();

  private ProtoJsonReader() {}

  /** Reads the object the parser is positioned on (START_OBJECT) into the builder. */
  static void mergeObject(JsonParser p, Message.Builder builder) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Map<String, FieldDescriptor> fields = fieldsOf(builder.getDescriptorForType());
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      FieldDescriptor fd = fields.get(p.currentName());
      JsonToken value = p.nextToken();
      if (fd == null || value == JsonToken.VALUE_NULL) {
        p.skipChildren();
      } else if (fd.isMapField()) {
        readMap(p, builder, fd);
      } else if (fd.isRepeated()) {
        expect(p, JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          Object v = readValue(p, builder, fd);
          if (v != null) {
            builder.addRepeatedField(fd, v);
          }
        }
      } else {
        Object v = readValue(p, builder, fd);
        if (v != null) {
          builder.setField(fd, v);
        }
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("expected a field name or '}' but found " + t);
    }
  }

  private static void readMap(JsonParser p, Message.Builder builder, FieldDescriptor fd) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    FieldDescriptor keyFd = fd.getMessageType().findFieldByNumber(1);
    FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      Message.Builder entry = builder.newBuilderForField(fd);
      entry.setField(keyFd, mapKey(key, keyFd));
      Object v = readValue(p, entry, valueFd);
      if (v != null) {
        entry.setField(valueFd, v);
      }
      builder.addRepeatedField(fd, entry.build());
    }
  }

  private static Object mapKey(String key, FieldDescriptor keyFd) {
    switch (keyFd.getJavaType()) {
      case INT:
        return Integer.parseInt(key);
      case LONG:
        return Long.parseLong(key);
      case BOOLEAN:
        return Boolean.parseBoolean(key);
      default:
        return key;
    }
  }

  /** Reads the current value for field fd; returns null for a value to be skipped. */
  private static Object readValue(JsonParser p, Message.Builder parent, FieldDescriptor fd) throws IOException {
    JsonToken t = p.currentToken();
    switch (fd.getJavaType()) {
      case INT:
        return (int) readLong(p, t);
      case LONG:
        return readLong(p, t);
      case FLOAT:
        return (float) readDouble(p, t);
      case DOUBLE:
        return readDouble(p, t);
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        return Boolean.parseBoolean(text(p, t));
      case STRING:
        return text(p, t);
      case BYTE_STRING:
        return readBytes(p, t);
      case ENUM:
        return readEnum(p, t, fd.getEnumType());
      case MESSAGE:
        return readMessage(p, t, parent, fd);
      default:
        throw new IOException("unsupported field type " + fd.getJavaType());
    }
  }

  private static Object readMessage(JsonParser p, JsonToken t, Message.Builder parent, FieldDescriptor fd)
      throws IOException {
    Descriptor type = fd.getMessageType();
    String fullName = type.getFullName();
    if (fullName.startsWith("google.protobuf.")) {
      switch (fullName) {
        case "google.protobuf.Timestamp":
          return ProtoTimes.parseTimestamp(text(p, t));
        case "google.protobuf.Duration":
          return ProtoTimes.parseDuration(text(p, t));
        case "google.protobuf.Value":
          return readStructValue(p, t);
        case "google.protobuf.Struct":
          return readStruct(p);
        case "google.protobuf.ListValue":
          return readListValue(p);
        case "google.protobuf.Any":
        case "google.protobuf.FieldMask":
          // Not used in workflow histories; skipping keeps newer servers' histories decodable.
          p.skipChildren();
          return null;
        default:
          if (fullName.endsWith("Value") && t != JsonToken.START_OBJECT) {
            Message.Builder wrapper = parent.newBuilderForField(fd);
            FieldDescriptor valueFd = type.findFieldByNumber(1);
            wrapper.setField(valueFd, readValue(p, wrapper, valueFd));
            return wrapper.build();
          }
      }
    }
    Message.Builder sub = parent.newBuilderForField(fd);
    mergeObject(p, sub);
    return sub.build();
  }

  private static Value readStructValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        return Value.newBuilder().setStructValue(readStruct(p)).build();
      case START_ARRAY:
        return Value.newBuilder().setListValue(readListValue(p)).build();
      case VALUE_STRING:
        return Value.newBuilder().setStringValue(p.getText()).build();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return Value.newBuilder().setNumberValue(p.getDoubleValue()).build();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return Value.newBuilder().setBoolValue(t == JsonToken.VALUE_TRUE).build();
      default:
        return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
  }

  private static Struct readStruct(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    Struct.Builder s = Struct.newBuilder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      s.putFields(key, readStructValue(p, p.nextToken()));
    }
    return s.build();
  }

  private static ListValue readListValue(JsonParser p) throws IOException {
    expect(p, JsonToken.START_ARRAY);
    ListValue.Builder l = ListValue.newBuilder();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      l.addValues(readStructValue(p, t));
    }
    return l.build();
  }

  private static long readLong(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      // proto3 JSON writes 64-bit integers as strings; parse the parser's buffer without a String.
      char[] chars = p.getTextCharacters();
      int off = p.getTextOffset();
      int len = p.getTextLength();
      if (len == 0 || len > 19) {
        return Long.parseLong(p.getText());
      }
      boolean negative = chars[off] == '-';
      long v = 0;
      for (int i = negative ? off + 1 : off; i < off + len; i++) {
        int d = chars[i] - '0';
        if (d < 0 || d > 9) {
          throw new IOException("not an integer: \"" + p.getText() + "\"");
        }
        v = v * 10 + d;
      }
      return negative ? -v : v;
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) p.getDoubleValue();
    }
    throw new IOException("expected an integer but found " + t);
  }

  private static double readDouble(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    String s = text(p, t);
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  /**
   * Payload bytes are most of a history's size. Jackson decodes the base64 straight from its input
   * buffer into a per-thread scratch array, so the only allocation is the payload's own bytes (no String
   * of the text, no intermediate arrays). Standard base64, padding optional, as protojson writes it.
   */
  private static ByteString readBytes(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new IOException("expected base64 bytes as a string but found " + t);
    }
    Scratch scratch = SCRATCH.get();
    scratch.reset();
    try {
      p.readBinaryValue(BASE64, scratch);
      return ByteString.copyFrom(scratch.buf, 0, scratch.count);
    } catch (JsonParseException e) {
      throw new IOException("not base64 bytes: " + e.getOriginalMessage(), e);
    } finally {
      scratch.trim();
    }
  }

  private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A reusable, growable byte sink; large buffers are not kept beyond one value. */
  private static final class Scratch extends OutputStream {
    private static final int KEEP = 1 << 20;
    byte[] buf = new byte[8192];
    int count;

    void reset() {
      count = 0;
    }

    void trim() {
      if (buf.length > KEEP) {
        buf = new byte[8192];
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }

  private static EnumValueDescriptor readEnum(JsonParser p, JsonToken t, EnumDescriptor type) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return type.findValueByNumberCreatingIfUnknown(p.getIntValue());
    }
    return enumsOf(type).get(text(p, t));
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t != null && t.isScalarValue()) {
      return p.getText();
    }
    throw new IOException("expected a scalar value but found " + t);
  }

  private static void expect(JsonParser p, JsonToken expected) throws IOException {
    if (p.currentToken() != expected) {
      throw new IOException("expected " + expected.asString() + " but found " + p.currentToken());
    }
  }

  private static Map<String, FieldDescriptor> fieldsOf(Descriptor d) {
    Map<String, FieldDescriptor> m = FIELDS.get(d);
    if (m == null) {
      m = new HashMap<>();
      for (FieldDescriptor f : d.getFields()) {
        m.put(f.getJsonName(), f);
        m.put(f.getName(), f);
      }
      FIELDS.put(d, m);
    }
    return m;
  }

  private static Map<String, EnumValueDescriptor> enumsOf(EnumDescriptor d) {
    Map<String, EnumValueDescriptor> m = ENUMS.get(d);
    if (m == null) {
      m = new HashMap<>();
      String prefix = upperSnake(d.getName()) + "_";
      for (EnumValueDescriptor v : d.getValues()) {
        m.put(v.getName(), v);
        String bare = v.getName().startsWith(prefix) ? v.getName().substring(prefix.length()) : v.getName();
        m.putIfAbsent(pascal(bare), v);
      }
      ENUMS.put(d, m);
    }
    return m;
  }

  /** "EventType" -> "EVENT_TYPE", the prefix protoc-gen conventions give every value. */
  static String upperSnake(String camel) {
    StringBuilder s = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        s.append('_');
      }
      s.append(Character.toUpperCase(c));
    }
    return s.toString();
  }

  /** "WORKFLOW_EXECUTION_STARTED" -> "WorkflowExecutionStarted", the SDK's simplified spelling. */
  static String pascal(String upperSnake) {
    StringBuilder s = new StringBuilder(upperSnake.length());
    boolean upper = true;
    for (int i = 0; i < upperSnake.length(); i++) {
      char c = upperSnake.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        s.append(upper ? c : Character.toLowerCase(c));
        upper = false;
      }
    }
    return s.toString();
  }
}
