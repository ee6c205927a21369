package dev.loadharness.runtime.replay;

/**
 * How a replay run works.
 *
 * @param decodeOnly decode and summarise, do not replay
 * @param parallelism histories processed at once
 * @param implementations what to replay against; null only with decodeOnly
 * @param server how to reach a server for live histories; null when there are none
 */
public record ReplayOptions(boolean decodeOnly, int parallelism, WorkflowImplementations implementations, ServerAccess server) {

  /** Validates. */
  public ReplayOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    if (!decodeOnly && implementations == null) {
      throw new IllegalArgumentException("replaying needs workflow implementations");
    }
  }
}
