package dev.loadharness.scenarios.catalog;

import dev.loadharness.scenarios.catalog.WorkflowKind.Range;
import java.util.Map;

/**
 * The {@code schedule} kind: each workflow of the mix is a Temporal Schedule the driver creates, firing a
 * linear chain ({@link ChainWorkflow}, {@code steps} x cpu + io activities) every {@code every_s} seconds,
 * {@code fires} times, then deleted. The server keeps a schedule's 10 most recent actions, which is where
 * the driver reads each fire's delay, so {@code fires} is at most 10.
 */
public final class ScheduleKind {
  /** The kind's parameters and their defaults. */
  public static final Map<String, Integer> DEFAULTS = Map.of("every_s", 2, "fires", 5, "steps", 1, "cpu_ms", 5,
      "io_ms", 0);

  /** The most recent actions a schedule's description keeps (the server's default). */
  public static final int MAX_FIRES = 10;

  /** Bounds: fires within the description's recent actions, an interval of seconds to a minute. */
  public static final Map<String, Range> RANGES = Map.of("every_s", new Range(1, 60), "fires", new Range(1, MAX_FIRES),
      "steps", new Range(1, 10), "cpu_ms", new Range(0, 1_000), "io_ms", new Range(0, 10_000));

  private ScheduleKind() {}

  /** The input of the workflow a schedule of {@code shape} fires: a linear chain of its steps. */
  public static Shape fired(Shape shape) {
    return new Shape(WorkflowKind.LINEAR.id(), Map.of("steps", shape.get("steps", 1), "cpu_ms", shape.get("cpu_ms", 5),
        "io_ms", shape.get("io_ms", 0)), shape.seed());
  }
}
