package dev.loadharness.runtime.history;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * proto3 JSON scalars, read strictly: an integer that does not fit its field's type, a fraction where an
 * integer belongs, a number that is not a number or a boolean that is neither true nor false is an
 * error naming the field and the value, never a silently wrapped or defaulted value. What is accepted
 * follows protobuf's {@code JsonFormat}: integers as numbers or strings, exponent forms that are
 * integral ("1e3"), doubles as numbers or strings including "NaN", "Infinity" and "-Infinity".
 */
final class JsonNumbers {

  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  /** Digits beyond any 64-bit value: such a number is out of range before it is ever expanded. */
  private static final int MAX_INTEGER_DIGITS = 21;

  private JsonNumbers() {}

  /** Parses chars[off, off+len) as an integer of field fd; the common case (up to 18 digits) allocates nothing. */
  static long integer(char[] chars, int off, int len, FieldDescriptor fd) throws IOException {
    boolean negative = len > 0 && chars[off] == '-';
    int start = negative ? off + 1 : off;
    int digits = off + len - start;
    if (digits < 1 || digits > 18) {
      return integer(new String(chars, off, len), fd);
    }
    long v = 0;
    for (int i = start; i < off + len; i++) {
      int d = chars[i] - '0';
      if (d < 0 || d > 9) {
        return integer(new String(chars, off, len), fd);
      }
      v = v * 10 + d;
    }
    return checkRange(negative ? -v : v, fd);
  }

  /** Parses s as an integer of field fd (unsigned 64-bit values above Long.MAX_VALUE come back two's complement). */
  static long integer(String s, FieldDescriptor fd) throws IOException {
    BigDecimal d;
    try {
      d = new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw bad(fd, s, "is not an integer");
    }
    if (d.signum() != 0 && d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
      throw bad(fd, s, "is out of range for " + typeName(fd));
    }
    if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
      throw bad(fd, s, "is not an integer (it has a fraction)");
    }
    BigInteger v = d.toBigInteger();
    BigInteger min;
    BigInteger max;
    switch (fd.getType()) {
      case UINT32:
      case FIXED32:
        min = BigInteger.ZERO;
        max = UINT32_MAX;
        break;
      case UINT64:
      case FIXED64:
        min = BigInteger.ZERO;
        max = UINT64_MAX;
        break;
      case INT32:
      case SINT32:
      case SFIXED32:
      case ENUM:
        min = BigInteger.valueOf(Integer.MIN_VALUE);
        max = BigInteger.valueOf(Integer.MAX_VALUE);
        break;
      default:
        min = BigInteger.valueOf(Long.MIN_VALUE);
        max = BigInteger.valueOf(Long.MAX_VALUE);
    }
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw bad(fd, s, "is out of range for " + typeName(fd) + " (" + min + ".." + max + ")");
    }
    return v.longValue();
  }

  private static long checkRange(long v, FieldDescriptor fd) throws IOException {
    switch (fd.getType()) {
      case UINT32:
      case FIXED32:
        if (v < 0 || v > 0xFFFF_FFFFL) {
          throw bad(fd, Long.toString(v), "is out of range for " + typeName(fd) + " (0.." + 0xFFFF_FFFFL + ")");
        }
        return v;
      case UINT64:
      case FIXED64:
        if (v < 0) {
          throw bad(fd, Long.toString(v), "is out of range for " + typeName(fd) + " (0.." + UINT64_MAX + ")");
        }
        return v;
      case INT32:
      case SINT32:
      case SFIXED32:
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw bad(fd, Long.toString(v), "is out of range for " + typeName(fd)
              + " (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ")");
        }
        return v;
      default:
        return v;
    }
  }

  /** Parses s as a double of field fd: a JSON number, or "NaN", "Infinity", "-Infinity". */
  static double toDouble(String s, FieldDescriptor fd) throws IOException {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw bad(fd, s, "is not a number (nor NaN, Infinity, -Infinity)");
    }
    double v = d.signum() != 0 && d.precision() - d.scale() > 400 ? Double.POSITIVE_INFINITY : d.doubleValue();
    if (Double.isInfinite(v)) {
      throw bad(fd, s, "is out of range for double");
    }
    return v;
  }

  /** Narrows a double to the float field fd; a finite value beyond float's range is an error. */
  static float toFloat(double v, FieldDescriptor fd) throws IOException {
    if (!Double.isNaN(v) && !Double.isInfinite(v) && Math.abs(v) > Float.MAX_VALUE) {
      throw bad(fd, Double.toString(v), "is out of range for float");
    }
    return (float) v;
  }

  /** Parses "true" or "false" (the string form proto3 JSON allows for booleans). */
  static boolean bool(String s, FieldDescriptor fd) throws IOException {
    if ("true".equals(s)) {
      return true;
    }
    if ("false".equals(s)) {
      return false;
    }
    throw bad(fd, s, "is not a boolean (true or false)");
  }

  private static String typeName(FieldDescriptor fd) {
    return fd.getType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static IOException bad(FieldDescriptor fd, String value, String what) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return new BadValueException("field \"" + fd.getJsonName() + "\": \"" + shown + "\" " + what);
  }
}
