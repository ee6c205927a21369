package dev.loadharness.reports.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A capacity search as a whole (capacity.json): the scenario, the load model, the SLO the steps were judged
 * on, every sweep cell's steps and knee, the fleet-sizing line and the exit code.
 *
 * @param scenario the scenario searched
 * @param serverKind the server every step ran against (one server for the whole search)
 * @param model {@code open} (offered load = arrivals per second) or {@code closed} (workflows in flight)
 * @param slos the SLO bars each step had to meet, as written ({@code end_to_end_p95_ms < 2000})
 * @param cpus processors of this machine (CPU percentages are of one core; the machine has {@code cpus * 100})
 * @param startedAt when the search started
 * @param stepSeconds injection length of each step
 * @param cells the sweep cells, in the order searched
 * @param sizing the fleet-sizing line; empty when no cell found a sustainable load
 * @param exitCode 0 found, 1 no step met the SLO, 2 environment or input failure, 130/143 interrupted
 * @param stopped why the search stopped early (a signal, a failed environment); empty when it ran to its end
 */
public record CapacityReport(String scenario, String serverKind, String model, List<String> slos, int cpus,
    Instant startedAt, double stepSeconds, List<CapacityCell> cells, String sizing, int exitCode, String stopped) {

  /** The open model's name in capacity.json. */
  public static final String OPEN = "open";
  /** The closed model's name in capacity.json. */
  public static final String CLOSED = "closed";

  /** Validates the model and freezes the lists. */
  public CapacityReport {
    Objects.requireNonNull(scenario, "scenario");
    if (!OPEN.equals(model) && !CLOSED.equals(model)) {
      throw new IllegalArgumentException("capacity model must be open or closed, was " + model);
    }
    slos = List.copyOf(slos);
    cells = List.copyOf(cells);
    sizing = Objects.requireNonNullElse(sizing, "");
    stopped = Objects.requireNonNullElse(stopped, "");
  }

  /** What an offered load counts: {@code wf/s offered} or {@code in flight}. */
  public String loadUnit() {
    return OPEN.equals(model) ? "wf/s offered" : "in flight";
  }

  /** The SLO in words, for headings and the sizing line. */
  public String sloText() {
    return slos.isEmpty() ? "no latency SLO (nothing failed or lost, no backlog growth)" : String.join(", ", slos);
  }
}
