package dev.loadharness.reports.capacity;

import java.time.Instant;
import java.util.List;

/** Test fixtures: capacity steps, cells and a two-cell report with a knee each. */
public final class CapacityFixtures {
  private CapacityFixtures() {}

  /** Step {@code index} at {@code offered}: latencies fixed, CPU as given, the machine a little busier. */
  public static CapacityStep step(int index, double offered, double throughput, boolean ok, Double server,
      Double workers, Double driver) {
    return new CapacityStep(index, index > 3 ? CapacityStep.REFINE : CapacityStep.STEP, offered, throughput, 120.0,
        300.0, 450.0, 15.0, ok ? 0.1 : 4.0, server, workers, driver, machine(server, workers, driver), 9.0, 24.0, 100,
        0, 0, 0, List.of(), "pass", ok, ok ? "" : "in flight grew", "run-" + index, "step-" + index);
  }

  /** The machine's busy CPU when the parts are all that run. */
  public static Double machine(Double... parts) {
    double sum = 0;
    for (Double p : parts) {
      sum += p;
    }
    return sum + 2; // a quiet machine: little besides this run
  }

  /** A cell of four steps whose knee (30 wf/s offered) sustained {@code kneeThroughput}. */
  public static CapacityCell cell(int workers, double kneeThroughput) {
    return new CapacityCell("workers=" + workers + " slots=10/14", workers, 10, 14, List.of(
        step(1, 10, 9.9, true, 40.0, 60.0, 20.0), step(2, 20, 19.5, true, 70.0, 90.0, 30.0),
        step(3, 40, 25, false, 95.0, 70.0, 30.0), step(4, 30, kneeThroughput, true, 85.0, 75.0, 28.0)),
        CapacityCell.Outcome.KNEE, "max sustainable", "");
  }

  /** A two-cell open-model search, as capacity.json holds it. */
  public static CapacityReport report() {
    return new CapacityReport("scaling", "dev-server", CapacityReport.OPEN, List.of("end_to_end_p95_ms < 2000"), 2,
        Instant.parse("2026-12-01T10:00:00Z"), 12, List.of(cell(1, 29), cell(2, 29.5)),
        "29 wf/s at end_to_end_p95_ms < 2000 needs 1 worker at slots 10/14", 0, "");
  }
}
