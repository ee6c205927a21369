package dev.loadharness.reports.trend;

import dev.loadharness.reports.jmh.JmhResult;
import dev.loadharness.reports.jmh.JmhResults;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecordException;
import dev.loadharness.reports.record.RunRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Append-only store of run records and JMH result sets, kept outside the source tree.
 *
 * <p>Layout (all names made file-safe):
 * <pre>
 *   &lt;root&gt;/runs/&lt;scenario&gt;/&lt;server-kind&gt;/&lt;machine&gt;/&lt;run-id&gt;/run.json   (+ report.html)
 *   &lt;root&gt;/jmh/&lt;machine&gt;/&lt;yyyyMMdd'T'HHmmss'Z'&gt;.json
 *   &lt;root&gt;/index.html, &lt;root&gt;/trends/&lt;scenario--mode--key-hash&gt;.html   (rendered pages)
 * </pre>
 * Where a run is filed is independent of its {@link TrendKey}: the key is computed from the record when the
 * store is read, so records filed before the key grew new parts are judged by today's key.
 * A run is never overwritten: appending the same run again is a no-op, appending a different record
 * under an existing run id is an error. Unreadable files are reported as {@link StoreProblem}s and skipped.
 */
public final class TrendStore {

  /** Environment variable naming the store directory. */
  public static final String ENV = "TLH_TREND_STORE";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  private TrendStore(Path root) {
    this.root = root;
  }

  /** Opens (creating lazily on first append) the store at {@code root}. */
  public static TrendStore at(Path root) {
    return new TrendStore(root.toAbsolutePath().normalize());
  }

  /**
   * The store location: {@code --store} if given, else {@value #ENV}, else
   * {@code $XDG_CACHE_HOME/temporal-load-harness/trends}, else {@code ~/.cache/temporal-load-harness/trends}.
   */
  public static Path location(Path explicit, Map<String, String> env, String userHome) {
    if (explicit != null) {
      return explicit;
    }
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
    return cache.resolve("temporal-load-harness").resolve("trends");
  }

  /** This machine's name in trend keys: {@code $TLH_MACHINE}, else hostname and processor count. */
  public static String localMachine(Map<String, String> env) {
    String configured = env.get(dev.loadharness.reports.record.Environment.MACHINE_ENV);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return dev.loadharness.reports.record.Environment.localHostname(env) + "-"
        + Runtime.getRuntime().availableProcessors() + "cpu";
  }

  /** The store's root directory. */
  public Path root() {
    return root;
  }

  /** Directory of the rendered trend pages. */
  public Path trendsDir() {
    return root.resolve("trends");
  }

  /** Directory {@code run} is filed in: scenario, server kind, machine, run id. */
  public Path runDir(RunRecord run) {
    return root.resolve("runs").resolve(TrendKey.safe(run.scenario()))
        .resolve(TrendKey.safe(run.environment().serverKind())).resolve(TrendKey.safe(run.environment().machine()))
        .resolve(TrendKey.safe(run.runId()));
  }

  /**
   * Appends a run record; a second append of the identical record is a no-op.
   *
   * @return the stored run
   * @throws IllegalStateException when a different record is already stored under the same run id
   */
  public StoredRun append(RunRecord run) {
    TrendKey key = TrendKey.of(run);
    Path dir = runDir(run);
    Path file = dir.resolve(RunRecords.FILE_NAME);
    if (Files.exists(file)) {
      RunRecord existing = RunRecords.read(file);
      if (!existing.equals(run)) {
        throw new IllegalStateException(file + ": the store already holds a different run with run_id "
            + run.runId() + "; the store is append-only, give the new run its own run_id");
      }
      return new StoredRun(key, dir, existing);
    }
    RunRecords.write(file, run);
    return new StoredRun(key, dir, run);
  }

  /**
   * Appends a JMH result set measured on {@code machine} at {@code at}.
   *
   * @return the stored set
   */
  public StoredJmh appendJmh(List<JmhResult> results, String machine, Instant at) {
    String label = STAMP.format(at);
    Path file = root.resolve("jmh").resolve(TrendKey.safe(machine)).resolve(label + ".json");
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        throw new IllegalStateException(file + ": a JMH result set is already stored for " + label
            + " on " + machine + "; the store is append-only");
      }
      Files.writeString(file, JmhResults.toJson(results) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return new StoredJmh(machine, file, label, results);
  }

  /** Every stored run (oldest first by start time) and every run file that could not be read. */
  public Contents runs() {
    List<StoredRun> runs = new ArrayList<>();
    List<StoreProblem> problems = new ArrayList<>();
    Path runsDir = root.resolve("runs");
    if (Files.isDirectory(runsDir)) {
      for (Path file : files(runsDir, RunRecords.FILE_NAME)) {
        try {
          RunRecord record = RunRecords.read(file);
          runs.add(new StoredRun(TrendKey.of(record), file.getParent(), record));
        } catch (RunRecordException e) {
          problems.add(new StoreProblem(file, e.getMessage()));
        }
      }
    }
    runs.sort(Comparator.comparing((StoredRun r) -> r.record().startedAt()).thenComparing(r -> r.record().runId()));
    return new Contents(runs, problems);
  }

  /** Every stored JMH result set of {@code machine} (oldest first) plus unreadable files as problems. */
  public JmhContents jmh(String machine) {
    List<StoredJmh> sets = new ArrayList<>();
    List<StoreProblem> problems = new ArrayList<>();
    Path dir = root.resolve("jmh").resolve(TrendKey.safe(machine));
    if (Files.isDirectory(dir)) {
      for (Path file : files(dir, null)) {
        try {
          String label = file.getFileName().toString().replaceFirst("\\.json$", "");
          sets.add(new StoredJmh(machine, file, label, JmhResults.read(file)));
        } catch (RunRecordException e) {
          problems.add(new StoreProblem(file, e.getMessage()));
        }
      }
    }
    sets.sort(Comparator.comparing(StoredJmh::label));
    return new JmhContents(sets, problems);
  }

  /** Machines that have JMH results in the store. */
  public List<String> jmhMachines() {
    Path dir = root.resolve("jmh");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(Path dir, String name) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> name == null ? p.getFileName().toString().endsWith(".json") : p.getFileName().toString().equals(name))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs read from the store.
   *
   * @param runs readable runs, oldest first
   * @param problems unreadable run files
   */
  public record Contents(List<StoredRun> runs, List<StoreProblem> problems) {

    /** The like runs of {@code key}, oldest first. */
    public List<StoredRun> of(TrendKey key) {
      return runs.stream().filter(r -> r.key().equals(key)).toList();
    }

    /** The distinct keys, in order of first appearance. */
    public List<TrendKey> keys() {
      return runs.stream().map(StoredRun::key).distinct().toList();
    }

    /** The distinct keys of {@code scenario}, in order of first appearance. */
    public List<TrendKey> keysOf(String scenario) {
      return keys().stream().filter(k -> k.scenario().equals(scenario)).toList();
    }
  }

  /**
   * JMH result sets read from the store.
   *
   * @param sets readable sets, oldest first
   * @param problems unreadable files
   */
  public record JmhContents(List<StoredJmh> sets, List<StoreProblem> problems) {}
}
