package dev.loadharness.reports.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.record.RunRecordException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhResultsTest {

  static final String JSON = """
      [ {
          "jmhVersion" : "1.37",
          "benchmark" : "dev.loadharness.jmh.SlotSupplierBenchmark.reserveRelease",
          "mode" : "thrpt", "threads" : 4, "forks" : 1,
          "jvm" : "/usr/bin/java", "jdkVersion" : "17.0.12",
          "params" : { "limit" : "64" },
          "primaryMetric" : {
              "score" : 1.2345E7, "scoreError" : "NaN", "scoreConfidence" : [ "NaN", "NaN" ],
              "scorePercentiles" : { "0.0" : 1.2E7, "100.0" : 1.3E7 },
              "scoreUnit" : "ops/s", "rawData" : [ [ 1.2E7, 1.3E7 ] ]
          },
          "secondaryMetrics" : {
              "gc.alloc.rate.norm" : { "score" : 24.0, "scoreError" : 0.5, "scoreUnit" : "B/op" }
          }
      } ]
      """;

  @Test
  void readsJmhJson() {
    List<JmhResult> results = JmhResults.parse(Path.of("jmh.json"), JSON);
    assertThat(results).hasSize(1);
    JmhResult r = results.get(0);
    assertThat(r.key()).isEqualTo("dev.loadharness.jmh.SlotSupplierBenchmark.reserveRelease(thrpt){limit=64}");
    assertThat(r.shortName()).isEqualTo("SlotSupplierBenchmark.reserveRelease");
    assertThat(r.primaryMetric().score()).isEqualTo(1.2345E7);
    assertThat(r.primaryMetric().scoreError()).isNaN();
    assertThat(r.primaryMetric().higherIsBetter()).isTrue();
    assertThat(r.secondaryMetrics().get("gc.alloc.rate.norm").higherIsBetter()).isFalse();
    assertThat(JmhResults.parse(Path.of("again"), JmhResults.toJson(results))).isEqualTo(results);
  }

  @Test
  void truncatedJmhJsonNamesTheFile() {
    assertThatThrownBy(() -> JmhResults.parse(Path.of("out/jmh.json"), JSON.substring(0, 200)))
        .isInstanceOf(RunRecordException.class)
        .hasMessageContaining("out/jmh.json")
        .hasMessageContaining("not a JMH JSON result list");
  }
}
