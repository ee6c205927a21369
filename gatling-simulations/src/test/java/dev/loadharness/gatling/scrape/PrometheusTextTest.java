package dev.loadharness.gatling.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String TEXT = """
      # HELP persistence_latency persistence_latency histogram
      # TYPE persistence_latency histogram
      persistence_latency_bucket{operation="CreateWorkflowExecution",service_name="history",le="0.001"} 3
      persistence_latency_bucket{operation="CreateWorkflowExecution",service_name="history",le="0.01"} 9
      persistence_latency_bucket{operation="CreateWorkflowExecution",service_name="history",le="+Inf"} 10
      persistence_latency_sum{operation="CreateWorkflowExecution",service_name="history"} 0.05
      persistence_latency_count{operation="CreateWorkflowExecution",service_name="history"} 10
      weird{path="a \\"quoted\\" \\\\ value\\nnext", empty=""} NaN 1700000000000
      up 1
      """;

  @Test
  void readsNamesLabelsEscapesSpecialValuesAndTimestamps() {
    List<PromSample> samples = PrometheusText.parse(TEXT);
    assertThat(samples).hasSize(7);
    assertThat(samples.get(2).labels()).containsEntry("le", "+Inf").containsEntry("service_name", "history");
    PromSample weird = samples.get(5);
    assertThat(weird.labels()).isEqualTo(Map.of("path", "a \"quoted\" \\ value\nnext", "empty", ""));
    assertThat(weird.value()).isNaN();
    assertThat(samples.get(6)).isEqualTo(new PromSample("up", Map.of(), 1));
  }

  @Test
  void keepsOnlyTheNamesAsked() {
    assertThat(PrometheusText.parse(TEXT, n -> n.startsWith("persistence_latency_b"))).hasSize(3);
  }

  @Test
  void aBadLineIsNamedByItsNumber() {
    assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{le=1} 2\n"))
        .hasMessageStartingWith("line 2: bad label at column 8");
    assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\"} many\n")).hasMessage("line 1: \"many\" is not a number");
  }

  @Test
  void aHistogramsQuantileIsTheBucketHoldingItsRank() {
    List<PromSample> before = PrometheusText.parse(TEXT);
    BucketHistogram h = BucketHistogram.of(before, "persistence_latency", s -> true);
    assertThat(h.count()).isEqualTo(10);
    assertThat(h.quantile(0.3, 1000)).contains(new BucketHistogram.Bounds(0, 1));
    assertThat(h.quantile(0.5, 1000)).contains(new BucketHistogram.Bounds(1, 10));
    assertThat(h.quantile(0.95, 1000)).contains(new BucketHistogram.Bounds(10, Double.POSITIVE_INFINITY));
    List<PromSample> after = PrometheusText.parse(TEXT.replace("} 3", "} 13").replace("} 9", "} 19")
        .replace("} 10\n", "} 20\n").replace("0.05", "0.06"));
    BucketHistogram delta = BucketHistogram.of(after, "persistence_latency", s -> true).minus(h);
    assertThat(delta.count()).isEqualTo(10);
    assertThat(delta.quantile(0.95, 1000)).contains(new BucketHistogram.Bounds(0, 1));
    assertThat(delta.sum()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BucketHistogram.empty().quantile(0.5, 1)).isEmpty();
  }
}
