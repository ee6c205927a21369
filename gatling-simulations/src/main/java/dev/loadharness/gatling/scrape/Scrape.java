package dev.loadharness.gatling.scrape;

import java.util.List;
import java.util.function.Predicate;

/**
 * One scrape of one endpoint: when, and the samples kept.
 *
 * @param atMs epoch ms the response arrived
 * @param samples the samples whose names the scraper keeps
 */
public record Scrape(long atMs, List<PromSample> samples) {
  public Scrape {
    samples = List.copyOf(samples);
  }

  /** Sum of the samples named {@code name} that {@code filter} accepts (0 when none). */
  public double sum(String name, Predicate<PromSample> filter) {
    return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).mapToDouble(PromSample::value).sum();
  }

  /** Sum of the samples whose name starts with {@code prefix} (error counters come in several names). */
  public double sumPrefixed(String prefix, Predicate<PromSample> filter) {
    return samples.stream().filter(s -> s.name().startsWith(prefix) && filter.test(s))
        .mapToDouble(PromSample::value).sum();
  }

  /** Whether a sample named {@code name} is present. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The histogram {@code family} over the series {@code filter} accepts. */
  public BucketHistogram histogram(String family, Predicate<PromSample> filter) {
    return BucketHistogram.of(samples, family, filter);
  }
}
