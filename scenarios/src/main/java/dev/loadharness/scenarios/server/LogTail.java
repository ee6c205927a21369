package dev.loadharness.scenarios.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a log file, for error messages about a server that did not come up. */
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
}
