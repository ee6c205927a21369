package dev.loadharness.gatling.pipeline;

import dev.loadharness.reports.record.GitInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Which build the run's worker JVMs execute. The driver always runs this checkout's code; an A/B run
 * points its baseline runs' workers at the baseline build's classpath, and their run record names the
 * baseline's commit, since the workers are what is measured.
 *
 * @param label what the code is, for people (e.g. {@code head}, {@code HEAD~3 @ 1a2b3c4})
 * @param classpath the worker JVMs' classpath
 * @param git the baseline's source revision, null for this checkout's (read when the record is written)
 */
public record WorkerCode(String label, String classpath, GitInfo git) {
  public WorkerCode {
    Objects.requireNonNull(label, "label");
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("worker classpath of " + label + " must be non-blank");
    }
  }

  /** This JVM's own classpath: the checkout being tested. */
  public static WorkerCode head() {
    return new WorkerCode("head", System.getProperty("java.class.path"), null);
  }

  /** The baseline's revision, empty for this checkout's. */
  public Optional<GitInfo> revision() {
    return Optional.ofNullable(git);
  }
}
