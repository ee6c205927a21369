package dev.loadharness.scenarios.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a log file, and what one start wrote to it, for errors about a server that did not come up. */
final class LogTail {
  private LogTail() {}

  static String lastLines(Path log, int lines) {
    if (!Files.exists(log)) {
      return "(no log written at " + log + ")";
    }
    Deque<String> tail = new ArrayDeque<>(lines);
    try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
      all.forEach(
          line -> {
            if (tail.size() == lines) {
              tail.removeFirst();
            }
            tail.addLast(line);
          });
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
    if (tail.isEmpty()) {
      return "(log " + log + " is empty)";
    }
    return String.join(System.lineSeparator(), tail);
  }

  /** What was written to {@code log} from byte {@code offset} on ("" when nothing or unreadable). */
  static String since(Path log, long offset) {
    try (var channel = Files.newByteChannel(log)) {
      long from = Math.min(offset, channel.size());
      channel.position(from);
      return new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The size of {@code log} now, 0 when it does not exist yet: where the next process's lines start. */
  static long size(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
