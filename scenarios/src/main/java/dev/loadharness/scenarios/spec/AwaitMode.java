package dev.loadharness.scenarios.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the driver learns that a started workflow closed (the spec's {@code await}).
 * <ul>
 *   <li>{@code long-poll} (the default): one history long-poll per open workflow, renewed every time the server's
 *       long-poll interval (20 s by default) ends, as the SDK's result call and Temporal's Go load generator do.
 *       The end-to-end latency is the driver's own clock, start request to the close event's arrival. Costs a call
 *       per workflow and per 20 s it stays open, which is most of the driver's CPU when workflows run long.</li>
 *   <li>{@code visibility}: one list call a second for the whole run ({@code ListWorkflowExecutions} of the run's
 *       id prefix, closed in the last seconds), as Temporal's benchmark tool maru counts completions. The
 *       end-to-end latency is the start call's round trip plus the server's close time less its start time.
 *       Needs the server's visibility query API (any server since 1.20, Temporal Cloud) and a visibility store
 *       that shows a close within {@code CompletionWatch.OVERLAP} of it.</li>
 * </ul>
 */
public enum AwaitMode {
  LONG_POLL("long-poll"),
  VISIBILITY("visibility");

  private final String id;

  AwaitMode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The mode spelled {@code text}, if any. */
  public static Optional<AwaitMode> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.id.equals(text)).findFirst();
  }

  /** The allowed spellings, for errors. */
  public static String choices() {
    return Arrays.stream(values()).map(AwaitMode::id).collect(Collectors.joining(", "));
  }
}
