package dev.loadharness.scenarios.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker maps the class-data archive only when one was written for exactly its classpath. */
class WorkerArchiveTest {
  @TempDir Path dir;

  @Test
  void anArchiveWrittenForThisClasspathIsMapped() throws Exception {
    Path archive = dir.resolve("worker.jsa");
    Files.writeString(archive, "archive");
    WorkerArchive.recordClasspath(archive, "a.jar:b.jar");
    assertThat(WorkerArchive.jvmOptions(Optional.of(archive), "a.jar:b.jar"))
        .containsExactly("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  @Test
  void anotherClasspathAMissingArchiveOrNoneConfiguredStartWithoutIt() throws Exception {
    Path archive = dir.resolve("worker.jsa");
    assertThat(WorkerArchive.jvmOptions(Optional.of(archive), "a.jar")).isEmpty();
    Files.writeString(archive, "archive");
    assertThat(WorkerArchive.jvmOptions(Optional.of(archive), "a.jar")).isEmpty(); // no classpath recorded
    WorkerArchive.recordClasspath(archive, "a.jar:b.jar");
    assertThat(WorkerArchive.jvmOptions(Optional.of(archive), "baseline.jar:b.jar")).isEmpty();
    assertThat(WorkerArchive.jvmOptions(Optional.empty(), "a.jar:b.jar")).isEmpty();
  }

  @Test
  void trainingWritesTheArchiveAtExit() {
    assertThat(WorkerArchive.trainingOptions(dir.resolve("w.jsa")))
        .containsExactly("-XX:ArchiveClassesAtExit=" + dir.resolve("w.jsa"));
  }
}
