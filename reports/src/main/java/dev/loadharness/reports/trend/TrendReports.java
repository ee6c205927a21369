package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.run.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders every trend page of a store, its index, and any missing run report of a stored run. */
public final class TrendReports {

  private TrendReports() {}

  /**
   * What rendering found.
   *
   * @param index the index page
   * @param pages the trend pages
   * @param latestRuns regression report of each key's latest run
   * @param latestJmh regression report of each machine's latest JMH result set
   * @param problems unreadable store files (left out of the pages)
   */
  public record Result(Path index, List<Path> pages, List<RegressionReport> latestRuns,
      List<RegressionReport> latestJmh, List<StoreProblem> problems) {

    /** Whether any latest run or JMH set regressed. */
    public boolean regressed() {
      return latestRuns.stream().anyMatch(RegressionReport::regressed)
          || latestJmh.stream().anyMatch(RegressionReport::regressed);
    }
  }

  /** Renders all pages of {@code store} judged with {@code rule}. */
  public static Result renderAll(TrendStore store, RegressionRule rule) {
    RegressionDetector detector = new RegressionDetector(rule);
    TrendStore.Contents contents = store.runs();
    List<StoreProblem> problems = new ArrayList<>(contents.problems());
    for (String machine : store.jmhMachines()) {
      problems.addAll(store.jmh(machine).problems());
    }
    List<Path> pages = new ArrayList<>();
    List<RegressionReport> latestRuns = new ArrayList<>();
    List<TrendIndex.Entry> entries = new ArrayList<>();
    List<TrendKey> keys = contents.keys().stream()
        .sorted(java.util.Comparator.comparing(TrendKey::scenario).thenComparing(TrendKey::label)).toList();
    for (TrendKey key : keys) {
      List<StoredRun> runs = contents.of(key);
      renderMissingRunReports(runs);
      TrendStore.JmhContents jmh = store.jmh(key.machine());
      List<TrendPage.Sibling> siblings = contents.keysOf(key.scenario()).stream().filter(k -> !k.equals(key))
          .map(k -> new TrendPage.Sibling(k, contents.of(k).size())).toList();
      Path page = store.trendsDir().resolve(TrendPage.fileName(key));
      write(page, TrendPage.render(key, runs, siblings, jmh.sets(), rule, store.trendsDir(), problems));
      pages.add(page);
      StoredRun latest = runs.get(runs.size() - 1);
      RegressionReport report = detector.check(latest.record(),
          runs.subList(0, runs.size() - 1).stream().map(StoredRun::record).toList());
      latestRuns.add(report);
      entries.add(new TrendIndex.Entry(key, runs.size(), latest.record().verdict().json(), report));
    }
    List<RegressionReport> latestJmh = new ArrayList<>();
    for (String machine : store.jmhMachines()) {
      List<StoredJmh> sets = store.jmh(machine).sets();
      Path page = store.trendsDir().resolve(JmhTrendPage.fileName(machine));
      write(page, JmhTrendPage.render(machine, sets, rule));
      pages.add(page);
      if (!sets.isEmpty()) {
        StoredJmh last = sets.get(sets.size() - 1);
        latestJmh.add(detector.checkJmh("jmh " + machine + " " + last.label(), last.results(),
            sets.subList(0, sets.size() - 1).stream().map(StoredJmh::results).toList()));
      }
    }
    removeStalePages(store.trendsDir(), pages);
    Path index = store.root().resolve("index.html");
    write(index, TrendIndex.render(entries, problems, store.jmhMachines()));
    return new Result(index, pages, latestRuns, latestJmh, problems);
  }

  /**
   * Deletes pages of keys the store no longer yields (a store rendered before the key gained parts kept
   * one page per scenario, server and machine), so no stale page mixing settings stays reachable.
   */
  private static void removeStalePages(Path trendsDir, List<Path> pages) {
    if (!Files.isDirectory(trendsDir)) {
      return;
    }
    try (var files = Files.list(trendsDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".html")).toList()) {
        if (!pages.contains(f)) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + trendsDir + ": " + e.getMessage(), e);
    }
  }

  private static void renderMissingRunReports(List<StoredRun> runs) {
    for (int i = 0; i < runs.size(); i++) {
      StoredRun run = runs.get(i);
      if (!Files.exists(run.dir().resolve(RunReport.FILE_NAME))) {
        RunRecord baseline = i == 0 ? null : runs.get(i - 1).record();
        RunReport.write(run.dir(), run.record(), baseline);
      }
    }
  }

  private static void write(Path file, String html) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
