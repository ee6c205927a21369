package dev.loadharness.runtime.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus metric families this runtime exports (its own and the SDK's, as Micrometer names
 * them: timers gain {@code _seconds}, counters {@code _total}). Dashboards may name only these; the
 * dev-server integration test checks that a real run exports every one.
 */
public final class ExportedMetrics {
  private ExportedMetrics() {}

  /** Family names, without the _bucket/_count/_sum sample suffixes. */
  public static final Set<String> FAMILIES = Set.of(
      MetricNames.POLL_LATENCY_MS,
      "temporal_workflow_task_schedule_to_start_latency_seconds",
      "temporal_activity_schedule_to_start_latency_seconds",
      MetricNames.STICKY_HIT_RATIO,
      MetricNames.STICKY_CACHE_CAPACITY,
      "temporal_sticky_cache_hit_total",
      "temporal_sticky_cache_miss_total",
      "temporal_sticky_cache_total_forced_eviction_total",
      "temporal_sticky_cache_size",
      MetricNames.QUEUE_DEPTH,
      MetricNames.CONCURRENCY_LIMIT,
      MetricNames.SDK_SLOTS_USED,
      MetricNames.SDK_SLOTS_AVAILABLE,
      "temporal_workflow_task_replay_latency_seconds",
      "temporal_workflow_task_execution_latency_seconds",
      "temporal_activity_execution_latency_seconds",
      "temporal_activity_execution_failed_total",
      MetricNames.SDK_NUM_POLLERS,
      MetricNames.TRANSPORT_CHANNELS,
      MetricNames.TRANSPORT_CONNECTIONS,
      MetricNames.TRANSPORT_TLS_HANDSHAKES,
      MetricNames.TRANSPORT_OPEN,
      MetricNames.DUPLICATE_SAMPLES_DROPPED + "_total",
      "temporal_activity_heartbeats_total");

  private static final Pattern NAME = Pattern.compile("\\btemporal_[a-z0-9_]+");

  /** Every temporal_* family named in a text (a PromQL expression, a dashboard, a scrape). */
  public static Set<String> familiesIn(String text) {
    Set<String> families = new TreeSet<>();
    Matcher matcher = NAME.matcher(text);
    while (matcher.find()) {
      families.add(family(matcher.group()));
    }
    return families;
  }

  /** The family of one sample name: strips _bucket, _count and _sum. */
  public static String family(String sampleName) {
    for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
      if (sampleName.endsWith(suffix)) {
        return sampleName.substring(0, sampleName.length() - suffix.length());
      }
    }
    return sampleName;
  }
}
