package dev.loadharness.scenarios.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the replay command the way scripts/replay does (scripts/lib/replay-jvm on the packaged jar and
 * target/classpath.txt) and checks, from the JVM's own class-loading log, that the class-data archive
 * written after a build is the one a full replay maps: trained by the fixed full replay even when the first
 * command is {@code --help}, and retrained when a class path entry changes instead of being left stale.
 * Runs for the JVM the launcher picks (JDK 24+ with an AOT cache when installed) and for the JVM running
 * the tests (JDK 17 with AppCDS in CI), when they differ.
 */
class ReplayLauncherIT {

  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  static final Path LAUNCHER = ROOT.resolve("scripts/lib/replay-jvm");
  static final Path GREETING = ROOT.resolve("runtime-under-test/src/test/resources/histories/greeting.json");

  /** Classes only a full replay loads (decoder, SDK replay, state machines): never loaded by --help. */
  static final List<String> FULL_REPLAY_CLASSES = List.of(
      "dev.loadharness.runtime.history.ProtoJsonReader",
      "dev.loadharness.runtime.replay.ReplayEngine",
      "io.temporal.internal.replay.ReplayWorkflowTaskHandler",
      "io.temporal.internal.statemachines.ActivityStateMachine",
      "io.temporal.api.history.v1.HistoryEvent");

  @TempDir
  Path tmp;

  record Run(int exit, String out, Map<String, String> classSources) {}

  @Test
  void theArchiveAFullReplayMapsIsTheTrainedOneAndFollowsTheClassPath() throws Exception {
    String picked = check("", tmp.resolve("picked"));
    if (Files.isExecutable(Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"))) {
      assertThat(picked).as("the launcher's JVM with Temurin 25 installed").isEqualTo("aot");
    }
    String testJava = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    assertThat(check(testJava, tmp.resolve("test-jvm")))
        .isEqualTo(Runtime.version().feature() >= 24 ? "aot" : "jsa");
  }

  /** Runs the whole protocol with one JVM; returns the archive kind ("aot" or "jsa"). */
  private String check(String java, Path state) throws Exception {
    Path jar = Files.createDirectories(state.resolveSibling(state.getFileName() + "-jar")).resolve("scenarios.jar");
    Files.copy(Paths.get("target/scenarios-0.1.0-SNAPSHOT.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    String classpath = jar + ":" + Files.readString(Paths.get("target/classpath.txt")).strip();

    // The first command after a build is --help: the archive still comes from the full-replay training.
    Run help = launch(java, state, classpath, List.of(), "--help");
    assertThat(help.exit()).as(help.out()).isZero();
    assertThat(help.out()).contains("Usage: replay");
    Path archive = onlyArchive(state);
    String training = Files.readString(state.resolve("training.log"));
    assertThat(training).as("the training replay").contains("\"exit_code\" : 0").contains("\"deterministic\" : 4");
    FileTime trainedAt = Files.getLastModifiedTime(archive);

    Run replay = fullReplay(java, state, classpath, List.of());
    assertFromArchive(replay, archive);
    assertThat(onlyArchive(state)).isEqualTo(archive);
    assertThat(Files.getLastModifiedTime(archive)).as("not retrained without a change").isEqualTo(trainedAt);

    // Negative control: with the archive switched off the same check sees the classes come from the jars.
    String off = archive.toString().endsWith(".aot") ? "-XX:AOTMode=off" : "-Xshare:off";
    Run unshared = fullReplay(java, state, classpath, List.of(off));
    assertThat(unshared.exit()).isZero();
    for (String c : FULL_REPLAY_CLASSES) {
      assertThat(unshared.classSources().get(c)).as(c + " without the archive").startsWith("file:");
    }

    // A rebuilt jar (new modification time) gets a new archive; the stale one is removed.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(120)));
    Run rebuilt = fullReplay(java, state, classpath, List.of());
    Path retrained = onlyArchive(state);
    assertThat(retrained).isNotEqualTo(archive);
    assertFromArchive(rebuilt, retrained);
    String name = retrained.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private Run fullReplay(String java, Path state, String classpath, List<String> jvmOptions) throws Exception {
    return launch(java, state, classpath, jvmOptions, "--workflow-class",
        FixtureWorkflows.GreetingWorkflowImpl.class.getName(), GREETING.toString());
  }

  private static void assertFromArchive(Run replay, Path archive) {
    assertThat(replay.exit()).as(replay.out()).isZero();
    assertThat(replay.out()).contains("DETERMINISTIC");
    for (String c : FULL_REPLAY_CLASSES) {
      assertThat(replay.classSources().get(c)).as(c + " loaded by the full replay with " + archive.getFileName())
          .isEqualTo("shared objects file");
    }
    // Old class files (picocli's are Java 5) cannot be archived; everything else a replay loads is.
    long fromJars = replay.classSources().entrySet().stream()
        .filter(e -> e.getValue().startsWith("file:") && !e.getKey().startsWith("picocli."))
        .count();
    assertThat(fromJars).as("classes read from jars although the archive should hold them: "
        + replay.classSources().entrySet().stream().filter(e -> e.getValue().startsWith("file:")
            && !e.getKey().startsWith("picocli.")).limit(10).toList()).isLessThan(20);
  }

  private static Path onlyArchive(Path state) throws IOException {
    try (Stream<Path> files = Files.list(state)) {
      List<Path> archives = files.filter(p -> p.getFileName().toString().matches("replay-.*\\.(aot|jsa)")).toList();
      assertThat(archives).as("class-data archives in " + state).hasSize(1);
      return archives.get(0);
    }
  }

  private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load\\] (\\S+) source: (.+)$");

  private Run launch(String java, Path state, String classpath, List<String> jvmOptions, String... args)
      throws Exception {
    Path classes = Files.createTempFile(tmp, "classes", ".txt");
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), state.toString(), classpath));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (!java.isEmpty()) {
      pb.environment().put("REPLAY_JAVA", java);
    }
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Xlog:class+load=info:file=" + classes);
    pb.environment().put("REPLAY_JAVA_OPTS", String.join(" ", options));
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("replay-jvm finished").isTrue();
      Map<String, String> sources = new LinkedHashMap<>();
      for (String line : Files.readAllLines(classes)) {
        Matcher m = CLASS_LOAD.matcher(line);
        if (m.find()) {
          // "shared objects file (top)" on JDK 17 for the dynamic archive's layer.
          sources.putIfAbsent(m.group(1), m.group(2).replace(" (top)", ""));
        }
      }
      return new Run(p.exitValue(), out, sources);
    } finally {
      p.destroyForcibly();
    }
  }
}
