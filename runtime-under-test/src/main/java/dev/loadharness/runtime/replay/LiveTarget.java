package dev.loadharness.runtime.replay;

import java.util.Objects;

/**
 * One workflow execution to fetch from a server.
 *
 * @param workflowId the workflow id
 * @param runId the run id, or "" for the latest run
 */
public record LiveTarget(String workflowId, String runId) {

  /** Validates. */
  public LiveTarget {
    Objects.requireNonNull(runId, "runId");
    if (workflowId == null || workflowId.isBlank()) {
      throw new IllegalArgumentException("workflow id must not be blank");
    }
  }

  /** "id" or "id/run". */
  public String display() {
    return runId.isEmpty() ? workflowId : workflowId + "/" + runId;
  }
}
