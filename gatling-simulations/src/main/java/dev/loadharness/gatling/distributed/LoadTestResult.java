package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.pipeline.SegmentResult;
import java.util.List;

/**
 * The output of {@link LoadTestWorkflow}: the result of each segment's attempt that finished it.
 *
 * @param segments in segment order
 */
public record LoadTestResult(List<SegmentResult> segments) {
  /** Freezes the list. */
  public LoadTestResult {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }
}
