package dev.loadharness.reports.record;

/**
 * The source revision a run was measured on.
 *
 * @param commit the full or abbreviated commit id, or {@code "unknown"} outside a git checkout
 * @param dirty whether the work tree had uncommitted changes (results are then not reproducible from the commit)
 */
public record GitInfo(String commit, boolean dirty) {

  /** Validates that the commit is named. */
  public GitInfo {
    if (commit == null || commit.isBlank()) {
      throw new IllegalArgumentException("git.commit must be non-blank (use \"unknown\" outside a checkout)");
    }
  }
}
