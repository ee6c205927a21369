package dev.loadharness.runtime.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one history: where it came from, its size, the time of each stage and the verdict.
 *
 * @param source the file, or "live:workflowId[/runId]"
 * @param workflowId the workflow id the replay used
 * @param workflowType the workflow type of the history, "" if not decoded
 * @param format JSON, PROTOBUF (with "+gzip"), or how it was fetched live
 * @param events events decoded
 * @param bytes bytes read (compressed for gzip)
 * @param fetchMs time waiting for a server or the CLI (0 for files)
 * @param decodeMs time decoding (for files this includes reading the file)
 * @param replayMs time replaying (0 when not replayed)
 * @param verdict the verdict
 * @param divergence where replay diverged, for NONDETERMINISTIC; else null
 * @param detail the cause for BAD_INPUT and REPLAY_FAILED, notes otherwise; never null
 * @param eventTypes event counts by type (decode-only detail)
 * @param firstEventTime time of the first event, ISO-8601, or ""
 * @param lastEventTime time of the last event, ISO-8601, or ""
 */
public record HistoryOutcome(String source, String workflowId, String workflowType, String format, int events,
    long bytes, double fetchMs, double decodeMs, double replayMs, Verdict verdict, Divergence divergence,
    String detail, Map<String, Integer> eventTypes, String firstEventTime, String lastEventTime) {

  /** Validates and copies. */
  public HistoryOutcome {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(detail, "detail");
    eventTypes = Collections.unmodifiableMap(new LinkedHashMap<>(eventTypes));
    if (verdict == Verdict.NONDETERMINISTIC && divergence == null) {
      throw new IllegalArgumentException("a NONDETERMINISTIC outcome needs its divergence");
    }
  }
}
