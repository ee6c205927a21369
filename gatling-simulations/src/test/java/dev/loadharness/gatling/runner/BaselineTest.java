package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --baseline} values: what each kind becomes and the one-line errors, none of which start a server. */
class BaselineTest {

  @Test
  void aClasspathOfExistingJarsIsABuildWithItsLabelAndCommit(@TempDir Path dir) throws Exception {
    Path a = Files.createFile(dir.resolve("a.jar"));
    Path b = Files.createFile(dir.resolve("b.jar"));

    Baseline baseline = Baseline.parse(a + ":" + b, "v1.2 @ 1a2b3c4", "1a2b3c4d", "smoke");

    assertThat(baseline).isInstanceOf(Baseline.Build.class);
    Baseline.Build build = (Baseline.Build) baseline;
    assertThat(build.code().classpath()).isEqualTo(a + ":" + b);
    assertThat(build.label()).isEqualTo("v1.2 @ 1a2b3c4");
    assertThat(build.code().revision().orElseThrow().commit()).isEqualTo("1a2b3c4d");
  }

  @Test
  void aMissingClasspathEntryIsNamed(@TempDir Path dir) throws Exception {
    Path a = Files.createFile(dir.resolve("a.jar"));
    assertThatThrownBy(() -> Baseline.parse(a + ":" + dir.resolve("gone.jar"), null, null, "smoke"))
        .hasMessage("--baseline: \"" + dir.resolve("gone.jar") + "\" does not exist (give a git ref to scripts/load, "
            + "a jar[:jar...] classpath or a directory of run.json records)");
  }

  @Test
  void aRunDirectoryGivesItsMeasuredRunsAndLeavesErrorsOut(@TempDir Path dir) {
    record(dir.resolve("r1"), "smoke", Verdict.PASS);
    record(dir.resolve("cmp/r2"), "smoke", Verdict.FAIL);
    record(dir.resolve("r3"), "smoke", Verdict.ERROR);

    Baseline.Runs runs = (Baseline.Runs) Baseline.parse(dir.toString(), null, null, "smoke");

    assertThat(runs.records()).extracting(RunRecord::runId).containsExactly("r2", "r1");
    assertThat(runs.runDirectories()).containsExactly(dir.resolve("cmp/r2"), dir.resolve("r1"));
    assertThat(runs.leftOut()).isEqualTo(1);
  }

  @Test
  void aRunOfAnotherScenarioIsRefusedNamingTheFile(@TempDir Path dir) {
    record(dir.resolve("r1"), "smoke", Verdict.PASS);
    record(dir.resolve("r2"), "burst", Verdict.PASS);

    assertThatThrownBy(() -> Baseline.parse(dir.toString(), null, null, "smoke"))
        .hasMessage("--baseline: " + dir.resolve("r2/run.json") + " is a run of scenario \"burst\", not \"smoke\"");
  }

  @Test
  void aDirectoryWithoutRecordsIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> Baseline.parse(dir.toString(), null, null, "smoke"))
        .hasMessage("--baseline: " + dir + " holds no run.json (searched 3 levels deep)");
  }

  @Test
  void baselineWithCompareExitsTwo(@TempDir Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = new picocli.CommandLine(new LoadMain()).execute("smoke", "--compare", "fixed", "--baseline", "HEAD",
          "--out", runs.toString());
    } finally {
      System.setOut(previous);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--baseline and --compare cannot be combined");
    assertThat(runs).isEmptyDirectory();
  }

  @Test
  void anUnbuiltRefReachingJavaExitsTwoBeforeAnyRun(@TempDir Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new BaselineRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(new BaselineRunner.Request(RunOptions.of("smoke").withOut(runs), "HEAD~1", null, null, 2));
    assertThat(exit).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--baseline: \"HEAD~1\" does not exist");
    assertThat(runs).isEmptyDirectory();
  }

  private static void record(Path runDir, String scenario, Verdict verdict) {
    RunRecord record = RunRecord.builder().runId(runDir.getFileName().toString()).scenario(scenario)
        .startedAt(Instant.parse("2026-11-24T00:00:00Z"))
        .environment(new Environment("in-memory", "1.0", "17", 2, 1L << 30, "test-host"))
        .load(LoadSummary.of(10, 10, 0, 0, 0, 5)).verdict(verdict).build();
    try {
      Files.createDirectories(runDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    RunRecords.write(runDir.resolve(RunRecords.FILE_NAME), record);
  }
}
