package dev.loadharness.reports.trend;

import dev.loadharness.reports.jmh.JmhResult;
import java.nio.file.Path;
import java.util.List;

/**
 * One JMH result set in the trend store.
 *
 * @param machine machine it ran on
 * @param file its file in the store; the name is the UTC timestamp it was stored under
 * @param label display label (the timestamp)
 * @param results the benchmark results
 */
public record StoredJmh(String machine, Path file, String label, List<JmhResult> results) {

  /** Freezes the results. */
  public StoredJmh {
    results = List.copyOf(results);
  }
}
