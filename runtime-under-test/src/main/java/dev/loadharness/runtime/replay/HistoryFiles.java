package dev.loadharness.runtime.replay;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands file, directory and glob arguments into history files, in a stable (sorted) order. */
final class HistoryFiles {

  private HistoryFiles() {}

  /**
   * The files an argument names, or an explanation of why it names none.
   *
   * @param files the files found
   * @param problem "" or why the argument gave nothing
   */
  record Expansion(List<Path> files, String problem) {}

  /** A file is itself; a directory is every non-hidden regular file under it; a glob is matched from its fixed prefix. */
  static Expansion expand(String given) {
    String arg = given.startsWith("./") ? given.substring(2) : given;
    try {
      if (isGlob(arg)) {
        Path base = globBase(arg);
        if (!Files.isDirectory(base)) {
          return new Expansion(List.of(), "glob " + arg + ": directory " + base + " does not exist");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + arg);
        List<Path> found = walk(base, p -> matcher.matches(p.normalize()));
        return new Expansion(found, found.isEmpty() ? "glob " + arg + " matches no file" : "");
      }
      Path path = Paths.get(arg);
      if (Files.isRegularFile(path)) {
        return new Expansion(List.of(path), "");
      }
      if (Files.isDirectory(path)) {
        List<Path> found = walk(path, p -> true);
        return new Expansion(found, found.isEmpty() ? "directory " + arg + " holds no files" : "");
      }
      return new Expansion(List.of(), "no such file or directory: " + arg);
    } catch (IOException | RuntimeException e) {
      return new Expansion(List.of(), arg + ": " + e.getMessage());
    }
  }

  private static List<Path> walk(Path base, PathMatcher accept) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.walk(base)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(accept::matches)
          .sorted()
          .forEach(found::add);
    }
    return found;
  }

  private static boolean isGlob(String arg) {
    return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
  }

  private static Path globBase(String glob) {
    int firstMeta = glob.length();
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int i = glob.indexOf(c);
      if (i >= 0) {
        firstMeta = Math.min(firstMeta, i);
      }
    }
    int slash = glob.lastIndexOf('/', firstMeta);
    return slash < 0 ? Paths.get(".") : Paths.get(slash == 0 ? "/" : glob.substring(0, slash));
  }
}
