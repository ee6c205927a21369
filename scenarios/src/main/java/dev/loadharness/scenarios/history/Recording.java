package dev.loadharness.scenarios.history;

import java.util.List;
import java.util.Objects;

/**
 * One workflow to run and record.
 *
 * @param workflowId the workflow id (also the file's base name)
 * @param workflowType the workflow type name
 * @param args the workflow arguments
 * @param formats the files to write
 */
public record Recording(String workflowId, String workflowType, List<Object> args, List<HistoryFileFormat> formats) {

  /** Validates and copies. */
  public Recording {
    Objects.requireNonNull(workflowType, "workflowType");
    if (workflowId == null || !workflowId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("workflowId must be a file-name-safe [A-Za-z0-9._-]+, got \"" + workflowId + "\"");
    }
    args = List.copyOf(args);
    formats = List.copyOf(formats);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("a recording needs at least one format");
    }
  }
}
