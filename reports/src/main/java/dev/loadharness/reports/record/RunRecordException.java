package dev.loadharness.reports.record;

import java.nio.file.Path;

/** A run record file could not be read or written; the message names the file and the cause. */
public final class RunRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The file concerned. */
  private final transient Path file;

  /** Creates the error for {@code file}. */
  public RunRecordException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }
}
