package dev.loadharness.runtime.history;

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
    mergeFields(p, p.nextToken(), builder);
  }

  /** Reads the rest of an object whose first token after '{' (a field name or '}') is t. */
  static void mergeFields(JsonParser p, JsonToken first, Message.Builder builder) throws IOException {
    Map<String, FieldDescriptor> fields = fieldsOf(builder.getDescriptorForType());
    JsonToken t;
    for (t = first; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      FieldDescriptor fd = fields.get(p.currentName());
      JsonToken value = p.nextToken();
      if (fd == null || value == JsonToken.VALUE_NULL) {
        p.skipChildren();
      } else if (fd.isMapField()) {
        readMap(p, builder, fd);
      } else if (fd.isRepeated()) {
        expect(p, JsonToken.START_ARRAY);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          if (e == null) {
            throw new java.io.EOFException("the array of field \"" + fd.getJsonName() + "\" is not closed");
          }
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
      throw new BadValueException("expected a field name or '}' but found " + t);
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

  private static Object mapKey(String key, FieldDescriptor keyFd) throws IOException {
    switch (keyFd.getJavaType()) {
      case INT:
        return (int) JsonNumbers.integer(key, keyFd);
      case LONG:
        return JsonNumbers.integer(key, keyFd);
      case BOOLEAN:
        return JsonNumbers.bool(key, keyFd);
      default:
        return key;
    }
  }

  /** Reads the current value for field fd; returns null for a value to be skipped. */
  private static Object readValue(JsonParser p, Message.Builder parent, FieldDescriptor fd) throws IOException {
    JsonToken t = p.currentToken();
    switch (fd.getJavaType()) {
      case INT:
        return (int) readLong(p, t, fd);
      case LONG:
        return readLong(p, t, fd);
      case FLOAT:
        return JsonNumbers.toFloat(readDouble(p, t, fd), fd);
      case DOUBLE:
        return readDouble(p, t, fd);
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        return JsonNumbers.bool(text(p, t), fd);
      case STRING:
        return text(p, t);
      case BYTE_STRING:
        return readBytes(p, t, fd);
      case ENUM:
        return readEnum(p, t, fd.getEnumType());
      case MESSAGE:
        return readMessage(p, t, parent, fd);
      default:
        throw new BadValueException("unsupported field type " + fd.getJavaType());
    }
  }

  private static Object readMessage(JsonParser p, JsonToken t, Message.Builder parent, FieldDescriptor fd)
      throws IOException {
    Descriptor type = fd.getMessageType();
    String fullName = type.getFullName();
    if (fullName.startsWith("google.protobuf.")) {
      switch (fullName) {
        case "google.protobuf.Timestamp":
        case "google.protobuf.Duration":
          try {
            String text = text(p, t);
            return fullName.endsWith("Timestamp") ? ProtoTimes.parseTimestamp(text) : ProtoTimes.parseDuration(text);
          } catch (BadValueException e) {
            throw new BadValueException("field \"" + fd.getJsonName() + "\": " + e.getMessage(), e);
          }
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
      if (t == null) {
        throw new java.io.EOFException("the list value is not closed");
      }
      l.addValues(readStructValue(p, t));
    }
    return l.build();
  }

  /** Reads an integer of field fd (a JSON number, or a string as proto3 JSON writes 64-bit integers), range-checked. */
  private static long readLong(JsonParser p, JsonToken t, FieldDescriptor fd) throws IOException {
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
      // Parse the parser's buffer without a String: every event has several ids and counters.
      return JsonNumbers.integer(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), fd);
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return JsonNumbers.integer(p.getText(), fd);
    }
    throw new BadValueException("field \"" + fd.getJsonName() + "\": expected an integer but found " + t);
  }

  private static double readDouble(JsonParser p, JsonToken t, FieldDescriptor fd) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING) {
      return JsonNumbers.toDouble(p.getText(), fd);
    }
    throw new BadValueException("field \"" + fd.getJsonName() + "\": expected a number but found " + t);
  }

  /**
   * Payload bytes are most of a history's size. The text is taken from Jackson's own buffer (reused
   * from value to value, no String) and decoded into a per-thread scratch array, so the only allocation
   * is the payload's own bytes. {@link Base64Text} accepts what the SDKs' decoders accept.
   */
  private static ByteString readBytes(JsonParser p, JsonToken t, FieldDescriptor fd) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new BadValueException("field \"" + fd.getJsonName() + "\": expected base64 bytes as a string but found " + t);
    }
    Scratch scratch = SCRATCH.get();
    try {
      int n = Base64Text.decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), scratch);
      return ByteString.copyFrom(scratch.buf, 0, n);
    } catch (IllegalArgumentException e) {
      throw new BadValueException("field \"" + fd.getJsonName() + "\": not base64 bytes: " + e.getMessage(), e);
    } finally {
      scratch.trim();
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A reusable, growable byte array; large arrays are not kept beyond one value. */
  static final class Scratch {
    private static final int KEEP = 1 << 20;
    byte[] buf = new byte[8192];

    byte[] ensure(int size) {
      if (size > buf.length) {
        buf = new byte[Math.max(buf.length * 2, size)];
      }
      return buf;
    }

    void trim() {
      if (buf.length > KEEP) {
        buf = new byte[8192];
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
    throw new BadValueException("expected a scalar value but found " + t);
  }

  private static void expect(JsonParser p, JsonToken expected) throws IOException {
    if (p.currentToken() != expected) {
      throw new BadValueException("expected " + expected.asString() + " but found " + p.currentToken());
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
