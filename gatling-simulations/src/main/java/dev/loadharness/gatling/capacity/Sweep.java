package dev.loadharness.gatling.capacity;

import dev.loadharness.scenarios.spec.WorkerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sweep dimensions of a capacity search ({@code --sweep workers=1,2 --sweep activity_slots=8..16}): each
 * combination of their values is one cell, searched on its own.
 *
 * @param values per dimension, the values to try, in the order given
 */
public record Sweep(Map<Dimension, List<Integer>> values) {
  /** The most cells one search runs: each is a whole knee search. */
  public static final int MAX_CELLS = 12;
  /** The widest range {@code a..b} accepts. */
  static final int MAX_RANGE = 16;

  /** What a sweep can vary. */
  public enum Dimension {
    WORKERS("workers", WorkerSettings.MAX_PROCESSES),
    WORKFLOW_SLOTS("workflow_slots", 1_000),
    ACTIVITY_SLOTS("activity_slots", 1_000);

    private final String id;
    private final int max;

    Dimension(String id, int max) {
      this.id = id;
      this.max = max;
    }

    /** The spelling on the command line. */
    public String id() {
      return id;
    }

    static Optional<Dimension> of(String id) {
      return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    static String known() {
      return Arrays.stream(values()).map(Dimension::id).collect(Collectors.joining(", "));
    }
  }

  /** One combination: its label and the worker settings it runs. */
  public record Cell(String label, WorkerSettings workers) {}

  public Sweep {
    Map<Dimension, List<Integer>> copy = new EnumMap<>(Dimension.class);
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = copy;
  }

  /**
   * Parses {@code --sweep} arguments, each {@code dimension=v1,v2,..} or {@code dimension=a..b}.
   *
   * @throws IllegalArgumentException a one-line message naming the argument, the bad part and what is allowed
   */
  public static Sweep parse(List<String> args) {
    Map<Dimension, List<Integer>> values = new EnumMap<>(Dimension.class);
    for (String arg : args) {
      String[] parts = arg.split("=", 2);
      if (parts.length != 2 || parts[1].isBlank()) {
        throw new IllegalArgumentException("--sweep \"" + arg + "\": expected dimension=v1,v2,.. or dimension=a..b, "
            + "dimensions: " + Dimension.known());
      }
      Dimension d = Dimension.of(parts[0].trim()).orElseThrow(() -> new IllegalArgumentException("--sweep \"" + arg
          + "\": unknown dimension \"" + parts[0].trim() + "\"; known: " + Dimension.known()));
      if (values.containsKey(d)) {
        throw new IllegalArgumentException("--sweep " + d.id() + " is given twice; list every value in one --sweep "
            + d.id() + "=v1,v2,..");
      }
      values.put(d, parseValues(arg, d, parts[1].trim()));
    }
    Sweep sweep = new Sweep(values);
    if (sweep.size() > MAX_CELLS) {
      throw new IllegalArgumentException("--sweep: " + sweep.size() + " combinations is more than " + MAX_CELLS
          + " (each is a whole knee search); sweep fewer values");
    }
    return sweep;
  }

  private static List<Integer> parseValues(String arg, Dimension d, String text) {
    LinkedHashSet<Integer> out = new LinkedHashSet<>();
    if (text.contains("..")) {
      String[] ends = text.split("\\.\\.", -1);
      int from = number(arg, d, ends[0]);
      int to = ends.length == 2 ? number(arg, d, ends[1]) : -1;
      if (ends.length != 2 || to < from || to - from + 1 > MAX_RANGE) {
        throw new IllegalArgumentException("--sweep \"" + arg + "\": a range is a..b with a <= b and at most "
            + MAX_RANGE + " values");
      }
      for (int v = from; v <= to; v++) {
        out.add(v);
      }
    } else {
      for (String v : text.split(",")) {
        if (!out.add(number(arg, d, v))) {
          throw new IllegalArgumentException("--sweep \"" + arg + "\": value " + v.trim() + " is repeated");
        }
      }
    }
    return List.copyOf(out);
  }

  private static int number(String arg, Dimension d, String text) {
    int v;
    try {
      v = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sweep \"" + arg + "\": \"" + text.trim() + "\" is not a whole number");
    }
    if (v < 1 || v > d.max) {
      throw new IllegalArgumentException("--sweep \"" + arg + "\": " + d.id() + " " + v + " is not allowed; 1 to "
          + d.max);
    }
    return v;
  }

  /** Whether {@code d} is swept. */
  public boolean sweeps(Dimension d) {
    return values.containsKey(d);
  }

  /** The number of cells. */
  public int size() {
    return values.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
  }

  /** Every combination applied to {@code base}, the first dimension varying slowest. */
  public List<Cell> cells(WorkerSettings base) {
    List<WorkerSettings> settings = new ArrayList<>(List.of(base));
    for (Map.Entry<Dimension, List<Integer>> e : values.entrySet()) {
      List<WorkerSettings> next = new ArrayList<>();
      for (WorkerSettings s : settings) {
        for (int v : e.getValue()) {
          next.add(switch (e.getKey()) {
            case WORKERS -> s.withProcesses(v);
            case WORKFLOW_SLOTS -> s.withSlots(v, s.activitySlots());
            case ACTIVITY_SLOTS -> s.withSlots(s.workflowSlots(), v);
          });
        }
      }
      settings = next;
    }
    return settings.stream().map(s -> new Cell(label(s), s)).toList();
  }

  /** A cell's name: {@code workers=2 slots=10/14}. */
  static String label(WorkerSettings s) {
    return "workers=" + s.processes() + " slots=" + s.workflowSlots() + "/" + s.activitySlots();
  }
}
