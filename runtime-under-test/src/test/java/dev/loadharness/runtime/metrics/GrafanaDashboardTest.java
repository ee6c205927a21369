package dev.loadharness.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Fails if the shipped dashboard names a metric family the runtime does not export. */
class GrafanaDashboardTest {
  static final String DASHBOARD = "/grafana/temporal-worker-runtime.json";

  static Set<String> dashboardFamilies() throws Exception {
    try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream(DASHBOARD)) {
      assertThat(in).as(DASHBOARD + " on the classpath").isNotNull();
      JsonNode root = new ObjectMapper().readTree(in);
      Set<String> families = new TreeSet<>();
      for (JsonNode panel : root.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          families.addAll(ExportedMetrics.familiesIn(target.path("expr").asText()));
        }
      }
      return families;
    }
  }

  @Test
  void everyDashboardMetricIsExported() throws Exception {
    Set<String> families = dashboardFamilies();
    assertThat(families).hasSizeGreaterThan(15);
    assertThat(ExportedMetrics.FAMILIES).containsAll(families);
  }

  @Test
  void dashboardCoversTheIssuePanels() throws Exception {
    assertThat(dashboardFamilies()).contains(
        MetricNames.POLL_LATENCY_MS,
        "temporal_workflow_task_schedule_to_start_latency_seconds",
        "temporal_activity_schedule_to_start_latency_seconds",
        MetricNames.STICKY_HIT_RATIO,
        MetricNames.QUEUE_DEPTH,
        MetricNames.CONCURRENCY_LIMIT,
        "temporal_workflow_task_replay_latency_seconds");
  }

  @Test
  void familyNamesStripSampleSuffixes() {
    assertThat(ExportedMetrics.familiesIn("rate(temporal_a_seconds_bucket{x=\"1\"}[1m]) + temporal_b_total"))
        .containsExactly("temporal_a_seconds", "temporal_b_total");
  }
}
