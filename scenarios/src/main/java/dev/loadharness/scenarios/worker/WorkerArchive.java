package dev.loadharness.scenarios.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The AppCDS archive worker JVMs map at start: the classes a worker loads (gRPC, Netty, protobuf, the SDK, the
 * runtime, the catalog) already parsed and verified, so a cold worker skips most of its class loading, which is
 * most of its start-up (docs/benchmarks.md, "Worker cold start").
 *
 * <p>A training run of a real worker writes it ({@code -XX:ArchiveClassesAtExit}, JDK 13+, when that JVM exits);
 * {@code scripts/load} trains once per build. The JVM accepts an archive only for the classpath it was written
 * with (and the same JDK), so the classpath is stored beside it and a worker on another classpath (an A/B
 * baseline build) is started without it; a stale or foreign archive is never an error, only no speed-up.
 */
public final class WorkerArchive {
  /** The system property naming the archive file for this process's worker launches. */
  public static final String PROPERTY = "tlh.worker.archive";

  private WorkerArchive() {}

  /** The archive {@link #PROPERTY} names, if set. */
  public static Optional<Path> configured() {
    String value = System.getProperty(PROPERTY);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The JVM options a worker on {@code classpath} starts with: the archive, when one was written for it. */
  static List<String> jvmOptions(Optional<Path> archive, String classpath) {
    if (archive.isEmpty() || !Files.isRegularFile(archive.get())) {
      return List.of();
    }
    try {
      if (!Files.readString(classpathFile(archive.get())).equals(classpath)) {
        return List.of();
      }
    } catch (IOException e) {
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + archive.get(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** The JVM options of a training worker: write {@code archive} of the classes loaded when it exits. */
  public static List<String> trainingOptions(Path archive) {
    return List.of("-XX:ArchiveClassesAtExit=" + archive);
  }

  /** Records that {@code archive} was written for {@code classpath}. */
  public static void recordClasspath(Path archive, String classpath) throws IOException {
    Files.writeString(classpathFile(archive), classpath);
  }

  private static Path classpathFile(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".classpath");
  }
}
