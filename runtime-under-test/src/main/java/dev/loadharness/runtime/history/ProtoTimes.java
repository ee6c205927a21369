package dev.loadharness.runtime.history;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.io.IOException;

/**
 * Parses the proto3 JSON forms of Timestamp ({@code 2026-11-23T03:07:25.328150710Z}, RFC 3339) and
 * Duration ({@code 10s}, {@code 0.250s}) by hand: every history event has a timestamp, and the
 * library parsers go through SimpleDateFormat, which costs more than the rest of the event.
 */
final class ProtoTimes {

  private ProtoTimes() {}

  /** Parses an RFC 3339 timestamp with optional fraction (up to nanoseconds) and a Z or +hh:mm offset. */
  static Timestamp parseTimestamp(String s) throws IOException {
    try {
      if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
          || s.charAt(13) != ':' || s.charAt(16) != ':') {
        throw new IOException("not an RFC 3339 timestamp: \"" + s + "\"");
      }
      long year = digits(s, 0, 4);
      long month = digits(s, 5, 7);
      long day = digits(s, 8, 10);
      long seconds = daysFromCivil(year, month, day) * 86_400L
          + digits(s, 11, 13) * 3600 + digits(s, 14, 16) * 60 + digits(s, 17, 19);
      int i = 19;
      int nanos = 0;
      if (s.charAt(i) == '.') {
        int start = ++i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        int n = i - start;
        if (n == 0 || n > 9) {
          throw new IOException("bad fraction of a second in \"" + s + "\"");
        }
        nanos = (int) digits(s, start, i);
        for (int k = n; k < 9; k++) {
          nanos *= 10;
        }
      }
      char zone = s.charAt(i);
      if (zone == '+' || zone == '-') {
        long offset = digits(s, i + 1, i + 3) * 3600 + digits(s, i + 4, i + 6) * 60;
        seconds -= zone == '+' ? offset : -offset;
      } else if (zone != 'Z' && zone != 'z' || i != s.length() - 1) {
        throw new IOException("bad time zone in \"" + s + "\"");
      }
      return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    } catch (StringIndexOutOfBoundsException e) {
      throw new IOException("not an RFC 3339 timestamp: \"" + s + "\"", e);
    }
  }

  /** Parses "[-]seconds[.fraction]s". */
  static Duration parseDuration(String s) throws IOException {
    if (s.length() < 2 || s.charAt(s.length() - 1) != 's') {
      throw new IOException("not a duration (expected e.g. \"10s\"): \"" + s + "\"");
    }
    boolean negative = s.charAt(0) == '-';
    int start = negative ? 1 : 0;
    int end = s.length() - 1;
    int dot = s.indexOf('.', start);
    long seconds = digits(s, start, dot < 0 ? end : dot);
    int nanos = 0;
    if (dot >= 0) {
      int n = end - dot - 1;
      if (n == 0 || n > 9) {
        throw new IOException("bad fraction in duration \"" + s + "\"");
      }
      nanos = (int) digits(s, dot + 1, end);
      for (int k = n; k < 9; k++) {
        nanos *= 10;
      }
    }
    return Duration.newBuilder().setSeconds(negative ? -seconds : seconds).setNanos(negative ? -nanos : nanos).build();
  }

  private static long digits(String s, int from, int to) throws IOException {
    if (from >= to) {
      throw new IOException("expected digits at " + from + " in \"" + s + "\"");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IOException("expected a digit at " + i + " in \"" + s + "\"");
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
