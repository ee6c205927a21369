package dev.loadharness.runtime.history;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.io.IOException;

/**
 * Parses the proto3 JSON forms of Timestamp ({@code 2026-11-23T03:07:25.328150710Z}, RFC 3339) and
 * Duration ({@code 10s}, {@code 0.250s}) by hand: every history event has a timestamp, and the
 * library parsers go through SimpleDateFormat, which costs more than the rest of the event. As strict as
 * protobuf's {@code Timestamps.parse} / {@code Durations.parse}: every field in its calendar range (no
 * month 13, no February 30, no second 60), years 0001..9999, durations within +-10,000 years.
 */
final class ProtoTimes {

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range protobuf's Timestamp allows. */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;
  private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

  private ProtoTimes() {}

  /** Parses an RFC 3339 timestamp with optional fraction (up to nanoseconds) and a Z or +hh:mm offset. */
  static Timestamp parseTimestamp(String s) throws IOException {
    try {
      if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
          || s.charAt(13) != ':' || s.charAt(16) != ':') {
        throw new BadValueException("not an RFC 3339 timestamp: \"" + s + "\"");
      }
      long year = inRange(s, "year", digits(s, 0, 4), 1, 9999);
      long month = inRange(s, "month", digits(s, 5, 7), 1, 12);
      long day = inRange(s, "day", digits(s, 8, 10), 1, daysInMonth(year, month));
      long seconds = daysFromCivil(year, month, day) * 86_400L
          + inRange(s, "hour", digits(s, 11, 13), 0, 23) * 3600
          + inRange(s, "minute", digits(s, 14, 16), 0, 59) * 60
          + inRange(s, "second", digits(s, 17, 19), 0, 59);
      int i = 19;
      int nanos = 0;
      if (s.charAt(i) == '.') {
        int start = ++i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        int n = i - start;
        if (n == 0 || n > 9) {
          throw new BadValueException("bad fraction of a second in \"" + s + "\"");
        }
        nanos = (int) digits(s, start, i);
        for (int k = n; k < 9; k++) {
          nanos *= 10;
        }
      }
      char zone = s.charAt(i);
      if (zone == '+' || zone == '-') {
        if (s.length() != i + 6 || s.charAt(i + 3) != ':') {
          throw new BadValueException("bad time zone offset in \"" + s + "\" (expected +hh:mm or Z)");
        }
        long offset = inRange(s, "zone hour", digits(s, i + 1, i + 3), 0, 23) * 3600
            + inRange(s, "zone minute", digits(s, i + 4, i + 6), 0, 59) * 60;
        seconds -= zone == '+' ? offset : -offset;
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
          throw new BadValueException("\"" + s + "\" is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z");
        }
      } else if (zone != 'Z' && zone != 'z' || i != s.length() - 1) {
        throw new BadValueException("bad time zone in \"" + s + "\"");
      }
      return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    } catch (StringIndexOutOfBoundsException e) {
      throw new BadValueException("not an RFC 3339 timestamp: \"" + s + "\"", e);
    }
  }

  /** Parses "[-]seconds[.fraction]s". */
  static Duration parseDuration(String s) throws IOException {
    if (s.length() < 2 || s.charAt(s.length() - 1) != 's') {
      throw new BadValueException("not a duration (expected e.g. \"10s\"): \"" + s + "\"");
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
        throw new BadValueException("bad fraction in duration \"" + s + "\"");
      }
      nanos = (int) digits(s, dot + 1, end);
      for (int k = n; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (seconds > MAX_DURATION_SECONDS) {
      throw new BadValueException("duration \"" + s + "\" is beyond +-" + MAX_DURATION_SECONDS + "s (10,000 years)");
    }
    return Duration.newBuilder().setSeconds(negative ? -seconds : seconds).setNanos(negative ? -nanos : nanos).build();
  }

  private static long digits(String s, int from, int to) throws IOException {
    if (from >= to || to - from > 18) {
      throw new BadValueException("expected digits at " + from + " in \"" + s + "\"");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new BadValueException("expected a digit at " + i + " in \"" + s + "\"");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static long inRange(String s, String what, long v, long min, long max) throws IOException {
    if (v < min || v > max) {
      throw new BadValueException("impossible timestamp \"" + s + "\": " + what + " " + v + " is not in " + min + ".." + max);
    }
    return v;
  }

  private static long daysInMonth(long year, long month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
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
