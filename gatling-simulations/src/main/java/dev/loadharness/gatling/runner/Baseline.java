package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.WorkerCode;
import dev.loadharness.reports.record.GitInfo;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecordException;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What head is compared against: a build whose worker JVMs run in the same rounds ({@link Build}), or run
 * records of earlier runs of the same scenario ({@link Runs}). {@code scripts/load} turns a git ref into a
 * {@link Build} (it builds the ref's worktree and passes the classpath); a directory is {@link Runs}.
 */
sealed interface Baseline {

  /** A human-readable name for the outputs. */
  String label();

  /** A baseline build: its worker classpath, with the commit when it came from a git ref. */
  record Build(WorkerCode code) implements Baseline {
    @Override
    public String label() {
      return code.label();
    }
  }

  /**
   * Earlier runs used as the baseline's samples.
   *
   * @param directory where they were found
   * @param records the runs' records (pass or fail: runs that could not measure are left out)
   * @param runDirectories each record's run directory, in the same order
   * @param leftOut how many records were left out for verdict error or interrupted
   */
  record Runs(Path directory, List<RunRecord> records, List<Path> runDirectories, int leftOut) implements Baseline {
    @Override
    public String label() {
      return "runs in " + directory;
    }
  }

  /** How deep under a run directory run.json files are looked for: runs/, a comparison directory's runs. */
  int SEARCH_DEPTH = 3;

  /**
   * Reads {@code --baseline}: an existing directory is earlier runs of {@code scenario}, anything else a
   * classpath (entries separated by the path separator) every entry of which must exist.
   *
   * @param label the build's name in outputs, null for the classpath itself
   * @param commit the build's commit when known, null otherwise
   * @throws IllegalArgumentException one line naming the bad value and what is allowed
   */
  static Baseline parse(String value, String label, String commit, String scenario) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--baseline must name a git ref, a jar[:jar...] classpath or a directory "
          + "of run.json records, got \"" + value + "\"");
    }
    Path path = Path.of(value);
    if (Files.isDirectory(path)) {
      return runs(path, scenario);
    }
    for (String entry : value.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Files.exists(Path.of(entry))) {
        throw new IllegalArgumentException("--baseline: \"" + entry + "\" does not exist (give a git ref to "
            + "scripts/load, a jar[:jar...] classpath or a directory of run.json records)");
      }
    }
    GitInfo git = commit == null || commit.isBlank() ? new GitInfo("unknown", false) : new GitInfo(commit, false);
    return new Build(new WorkerCode(label == null || label.isBlank() ? "classpath " + value : label, value, git));
  }

  private static Runs runs(Path directory, String scenario) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory, SEARCH_DEPTH)) {
      files = walk.filter(p -> p.getFileName().toString().equals(RunRecords.FILE_NAME)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("--baseline: cannot read " + directory, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--baseline: " + directory + " holds no " + RunRecords.FILE_NAME
          + " (searched " + SEARCH_DEPTH + " levels deep)");
    }
    List<RunRecord> records = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    int leftOut = 0;
    for (Path file : files) {
      RunRecord record;
      try {
        record = RunRecords.read(file);
      } catch (RunRecordException | IllegalArgumentException e) {
        throw new IllegalArgumentException("--baseline: " + file + " is not a readable run record: " + e.getMessage());
      }
      if (!record.scenario().equals(scenario)) {
        throw new IllegalArgumentException("--baseline: " + file + " is a run of scenario \"" + record.scenario()
            + "\", not \"" + scenario + "\"");
      }
      if (record.verdict() == Verdict.PASS || record.verdict() == Verdict.FAIL) {
        records.add(record);
        directories.add(file.toAbsolutePath().getParent());
      } else {
        leftOut++;
      }
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("--baseline: no run in " + directory + " measured anything (" + leftOut
          + " ended in error or interrupted)");
    }
    return new Runs(directory.toAbsolutePath(), records, directories, leftOut);
  }
}
