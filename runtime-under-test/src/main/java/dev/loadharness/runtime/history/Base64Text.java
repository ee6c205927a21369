package dev.loadharness.runtime.history;

/**
 * Decodes base64 text the way the SDKs' own decoders do, and no more leniently.
 *
 * <p>protobuf-java's {@code JsonFormat} tries the standard alphabet and then the URL-safe one, padding
 * optional; Go's {@code protojson} picks URL-safe when the text has '-' or '_', padding optional, and Go's
 * {@code encoding/base64} skips CR and LF. So accepted here: either alphabet (one per value), padding
 * present and correct or absent, CR/LF anywhere. Rejected, with the position: other characters (spaces,
 * quotes, a mix of both alphabets), data after padding, a length that leaves a lone 6-bit group.
 */
final class Base64Text {

  private static final byte[] VALUE = new byte[128];
  private static final int STANDARD = 1;
  private static final int URL_SAFE = 2;

  static {
    java.util.Arrays.fill(VALUE, (byte) -1);
    String common = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < common.length(); i++) {
      VALUE[common.charAt(i)] = (byte) i;
    }
    VALUE['+'] = 62;
    VALUE['/'] = 63;
    VALUE['-'] = 62;
    VALUE['_'] = 63;
  }

  private Base64Text() {}

  /**
   * Decodes chars[off, off+len) into scratch's buffer and returns the number of bytes.
   *
   * @throws IllegalArgumentException naming the offending character and its position in the text
   */
  static int decode(char[] chars, int off, int len, ProtoJsonReader.Scratch scratch) {
    byte[] out = scratch.ensure(len / 4 * 3 + 3);
    int n = 0;
    int acc = 0;
    int group = 0;
    int padding = 0;
    int alphabet = 0;
    int firstSpecial = -1;
    for (int i = 0; i < len; i++) {
      char c = chars[off + i];
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == '=') {
        padding++;
        continue;
      }
      int v = c < 128 ? VALUE[c] : -1;
      if (v < 0) {
        throw new IllegalArgumentException(describe(c) + " at position " + i
            + " is not in the standard or URL-safe base64 alphabet" + context(chars, off, len));
      }
      if (padding > 0) {
        throw new IllegalArgumentException("data after the '=' padding at position " + i + context(chars, off, len));
      }
      if (v >= 62) {
        int kind = c == '+' || c == '/' ? STANDARD : URL_SAFE;
        if (alphabet != 0 && alphabet != kind) {
          throw new IllegalArgumentException(describe(c) + " at position " + i + " mixes the URL-safe ('-', '_') and "
              + "standard ('+', '/') alphabets (first special character at " + firstSpecial + ")" + context(chars, off, len));
        }
        if (alphabet == 0) {
          alphabet = kind;
          firstSpecial = i;
        }
      }
      acc = acc << 6 | v;
      if (++group == 4) {
        out[n++] = (byte) (acc >> 16);
        out[n++] = (byte) (acc >> 8);
        out[n++] = (byte) acc;
        acc = 0;
        group = 0;
      }
    }
    int expectedPadding;
    switch (group) {
      case 0:
        expectedPadding = 0;
        break;
      case 2:
        out[n++] = (byte) (acc >> 4);
        expectedPadding = 2;
        break;
      case 3:
        out[n++] = (byte) (acc >> 10);
        out[n++] = (byte) (acc >> 2);
        expectedPadding = 1;
        break;
      default:
        throw new IllegalArgumentException("the text ends with a lone 6-bit group (length " + len
            + " cannot be base64)" + context(chars, off, len));
    }
    if (padding != 0 && padding != expectedPadding) {
      throw new IllegalArgumentException(padding + " '=' of padding where " + expectedPadding + " belong"
          + context(chars, off, len));
    }
    return n;
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String context(char[] chars, int off, int len) {
    int shown = Math.min(len, 32);
    StringBuilder s = new StringBuilder(" in \"");
    for (int i = 0; i < shown; i++) {
      char c = chars[off + i];
      s.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.append(len > shown ? "...\"" : "\"").toString();
  }
}
