package dev.loadharness.gatling.scrape;

import java.util.List;
import java.util.Optional;

/**
 * The scrapes of one endpoint that bound a run's measured window: the last at or before its start (else the
 * first) and the last of all, so counters and histograms are taken as the difference between the two.
 *
 * @param first the baseline scrape
 * @param last the final scrape
 */
public record Window(Scrape first, Scrape last) {

  /** The window of {@code scrapes} starting at {@code startMs}; empty with fewer than two scrapes. */
  public static Optional<Window> of(List<Scrape> scrapes, long startMs) {
    if (scrapes.size() < 2) {
      return Optional.empty();
    }
    Scrape first = scrapes.get(0);
    for (Scrape s : scrapes) {
      if (s.atMs() <= startMs) {
        first = s;
      }
    }
    Scrape last = scrapes.get(scrapes.size() - 1);
    return first == last ? Optional.empty() : Optional.of(new Window(first, last));
  }

  /** Seconds between the two scrapes. */
  public double seconds() {
    return (last.atMs() - first.atMs()) / 1000.0;
  }

  /** The latest scrape at or before {@code tickMs}, if any. */
  public static Scrape at(List<Scrape> scrapes, long tickMs) {
    Scrape latest = null;
    for (Scrape s : scrapes) {
      if (s.atMs() > tickMs) {
        break;
      }
      latest = s;
    }
    return latest;
  }
}
