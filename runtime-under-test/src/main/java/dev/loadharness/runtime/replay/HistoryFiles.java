package dev.loadharness.runtime.replay;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands file, directory and glob arguments into history inputs, in a stable (sorted) order.
 *
 * <p>A name that exists is taken literally before any glob expansion, so files named with '[', ']', '{'
 * or '}' can be given as they are. Any file that exists may be read, not only regular ones: a named pipe
 * from process substitution ({@code <(zcat h.json.gz)}), {@code /dev/stdin}. "-" is standard input.
 */
final class HistoryFiles {

  private HistoryFiles() {}

  /**
   * One input to decode.
   *
   * @param name how it is reported: the path as given, or "-" for standard input
   * @param path the file, or null for standard input
   */
  record Input(String name, Path path) {

    /** Standard input, named "-". */
    static Input stdin() {
      return new Input("-", null);
    }

    /** Opens the input; standard input is not closed when the returned stream is. */
    InputStream open() throws IOException {
      if (path == null) {
        return new FilterInputStream(System.in) {
          @Override
          public void close() {
            // the JVM's standard input stays open
          }
        };
      }
      if (!Files.isRegularFile(path)) {
        // NIO's stream asks a pipe for its position when buffered readers call available(): "Illegal seek".
        return new FileInputStream(path.toFile());
      }
      return Files.newInputStream(path);
    }
  }

  /**
   * The inputs an argument names, or an explanation of why it names none.
   *
   * @param inputs the inputs found
   * @param problem "" or why the argument gave nothing
   */
  record Expansion(List<Input> inputs, String problem) {}

  /**
   * "-" is standard input; an existing directory is every non-hidden regular file under it; any other
   * existing file is itself; otherwise a glob is matched from its fixed prefix.
   */
  static Expansion expand(String given) {
    if (given.equals("-")) {
      return new Expansion(List.of(Input.stdin()), "");
    }
    try {
      Path literal = Paths.get(given);
      if (Files.isDirectory(literal)) {
        List<Input> found = walk(literal, p -> true);
        return new Expansion(found, found.isEmpty() ? "directory " + given + " holds no files" : "");
      }
      if (Files.exists(literal)) {
        return new Expansion(List.of(new Input(given, literal)), "");
      }
    } catch (IOException | RuntimeException e) {
      return new Expansion(List.of(), given + ": " + e.getMessage());
    }
    String arg = given.startsWith("./") ? given.substring(2) : given;
    if (!isGlob(arg)) {
      return new Expansion(List.of(), "no such file or directory: " + given);
    }
    try {
      Path base = globBase(arg);
      if (!Files.isDirectory(base)) {
        return new Expansion(List.of(), "glob " + arg + ": directory " + base + " does not exist");
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + arg);
      List<Input> found = walk(base, p -> matcher.matches(p.normalize()));
      return new Expansion(found, found.isEmpty() ? "glob " + arg + " matches no file" : "");
    } catch (IOException | RuntimeException e) {
      return new Expansion(List.of(), "glob " + arg + ": " + e.getMessage());
    }
  }

  private static List<Input> walk(Path base, PathMatcher accept) throws IOException {
    List<Input> found = new ArrayList<>();
    try (Stream<Path> s = Files.walk(base)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(accept::matches)
          .sorted()
          .forEach(p -> found.add(new Input(p.toString(), p)));
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
