package dev.loadharness.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.runtime.concurrency.SlotKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigLoaderTest {

  private static RuntimeConfig load(Map<String, String> env) {
    return RuntimeConfig.from(env, new Properties());
  }

  @Test
  void defaultsAreFixedLimitsOnOneQueue() {
    RuntimeConfig config = load(Map.of());
    assertThat(config.connection().target()).isEqualTo("127.0.0.1:7233");
    assertThat(config.taskQueues()).containsExactly("load-harness");
    assertThat(config.tuner()).isEqualTo(TunerKind.FIXED);
    assertThat(config.concurrency().limits(SlotKind.WORKFLOW).initial()).isEqualTo(10);
    assertThat(config.concurrency().limits(SlotKind.ACTIVITY).isFixed()).isTrue();
  }

  @Test
  void readsEveryNamedVariable() {
    RuntimeConfig config = load(Map.ofEntries(
        Map.entry("TEMPORAL_ADDRESS", "10.0.0.1:7233"),
        Map.entry("TEMPORAL_NAMESPACE", "perf"),
        Map.entry("TEMPORAL_TASK_QUEUE", "a, b"),
        Map.entry("TEMPORAL_WORKFLOW_CONCURRENCY", "20"),
        Map.entry("TEMPORAL_ACTIVITY_CONCURRENCY", "30"),
        Map.entry("TEMPORAL_DYNAMIC_CONCURRENCY", "true"),
        Map.entry("TEMPORAL_STICKY_CACHE_SIZE", "1000"),
        Map.entry("TEMPORAL_STICKY_TTL_MS", "3000"),
        Map.entry("TEMPORAL_WORKER_BUILD_ID", "b-42"),
        Map.entry("TEMPORAL_METRICS_EXPORTER", "none"),
        Map.entry("TEMPORAL_API_KEY", "very-secret-key"),
        Map.entry("TEMPORAL_GRPC_RECONNECT_FREQUENCY_MS", "0"),
        Map.entry("TEMPORAL_POLLER_MODE", "slot-bounded")));
    assertThat(config.connection().namespace()).isEqualTo("perf");
    assertThat(config.taskQueues()).containsExactly("a", "b");
    assertThat(config.tuner()).isEqualTo(TunerKind.ADAPTIVE);
    assertThat(config.concurrency().dynamic()).isTrue();
    assertThat(config.concurrency().limits(SlotKind.ACTIVITY).max()).isEqualTo(120);
    assertThat(config.sticky().cacheSize()).isEqualTo(1000);
    assertThat(config.sticky().scheduleToStartTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.buildId()).contains("b-42");
    assertThat(config.metrics().exporters()).containsExactly(MetricsExporter.NONE);
    assertThat(config.connection().reconnectFrequency()).isZero();
    assertThat(config.pollers().mode()).isEqualTo(PollerMode.SLOT_BOUNDED);
  }

  @Test
  void invalidValueNamesVariableValueAndRange() {
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_WORKFLOW_CONCURRENCY", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("TEMPORAL_WORKFLOW_CONCURRENCY (environment): got '0', allowed an integer in 1..10000");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_ACTIVITY_CONCURRENCY", "lots")))
        .hasMessage("TEMPORAL_ACTIVITY_CONCURRENCY (environment): got 'lots', allowed an integer");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_STICKY_TTL_MS", "10")))
        .hasMessage("TEMPORAL_STICKY_TTL_MS (environment): got '10', allowed milliseconds in 100..600000");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_METRICS_EXPORTER", "statsd")))
        .hasMessageContaining("TEMPORAL_METRICS_EXPORTER (environment): got 'statsd', allowed a comma-separated list of prometheus|otlp|jsonl|none");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_ADDRESS", "localhost")))
        .hasMessage("TEMPORAL_ADDRESS (environment): got 'localhost', allowed host:port, e.g. 127.0.0.1:7233");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_DYNAMIC_CONCURRENCY", "maybe")))
        .hasMessage("TEMPORAL_DYNAMIC_CONCURRENCY (environment): got 'maybe', allowed true|false (also on|off, yes|no, 1|0)");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_METRICS_EXPORTER", "jsonl")))
        .hasMessageContaining("needs TEMPORAL_METRICS_DIR");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_TUNER", "fixed", "TEMPORAL_DYNAMIC_CONCURRENCY", "true")))
        .hasMessageContaining("TEMPORAL_TUNER=fixed contradicts TEMPORAL_DYNAMIC_CONCURRENCY=true");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_WORKFLOW_CONCURRENCY_MAX", "50")))
        .hasMessageContaining("TEMPORAL_DYNAMIC_CONCURRENCY is off");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_TLS_CERT", "/nonexistent/cert.pem", "TEMPORAL_TLS_KEY", "/nonexistent/key.pem")))
        .hasMessage("TEMPORAL_TLS_CERT (environment): got '/nonexistent/cert.pem', allowed a readable, non-empty PEM file");
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() {
    RuntimeConfig config = load(Map.of("TEMPORAL_API_KEY", "very-secret-key"));
    assertThat(config.toString()).doesNotContain("very-secret-key").contains("<redacted>");
    assertThat(config.connection().apiKey().orElseThrow().reveal()).isEqualTo("very-secret-key");
    assertThat(load(Map.of("TEMPORAL_API_KEY", "  ")).connection().apiKey()).isEmpty();
  }

  @Test
  void memoryAwareCacheSizesFromHeapBudget() {
    RuntimeConfig config = load(Map.of("TEMPORAL_STICKY_CACHE_SIZE", "auto", "TEMPORAL_STICKY_HEAP_FRACTION", "0.25",
        "TEMPORAL_STICKY_BYTES_PER_WORKFLOW", "131072", "TEMPORAL_MAX_WORKFLOW_THREADS", "5000"));
    StickyCacheConfig.Sizing sizing = config.sticky().resolve(1L << 30);
    // 256 MiB budget / 128 KiB per workflow = 2048 cached, within the 5000-thread budget.
    assertThat(sizing.cacheSize()).isEqualTo(2048);
    assertThat(sizing.maxWorkflowThreads()).isEqualTo(5000);
    assertThat(sizing.reason()).startsWith("memory-aware");
    // The thread budget caps it: a cache larger than the threads only forces evictions.
    RuntimeConfig fewThreads = load(Map.of("TEMPORAL_STICKY_CACHE_SIZE", "auto", "TEMPORAL_MAX_WORKFLOW_THREADS", "300"));
    assertThat(fewThreads.sticky().resolve(1L << 30).cacheSize()).isEqualTo(300);
    assertThat(load(Map.of("TEMPORAL_STICKY_CACHE_SIZE", "42")).sticky().resolve(1L << 30).cacheSize()).isEqualTo(42);
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_STICKY_HEAP_FRACTION", "0.95")))
        .hasMessage("TEMPORAL_STICKY_HEAP_FRACTION (environment): got '0.95', allowed a number in (0, 0.9]");
  }

  @Test
  void systemPropertiesWinOverEnvironment() {
    Properties props = new Properties();
    props.setProperty("temporal.task.queue", "from-prop");
    RuntimeConfig config = RuntimeConfig.from(Map.of("TEMPORAL_TASK_QUEUE", "from-env"), props);
    assertThat(config.taskQueues()).containsExactly("from-prop");
    props.setProperty("temporal.workflow.pollers", "1");
    assertThatThrownBy(() -> RuntimeConfig.from(Map.of(), props))
        .hasMessage("TEMPORAL_WORKFLOW_POLLERS (system property temporal.workflow.pollers): got '1', allowed an integer in 2..1000");
  }

  @Test
  void yamlAndJsonFilesSitBeneathTheEnvironment(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("runtime.yaml");
    Files.writeString(yaml, "TEMPORAL_NAMESPACE: from-file\ntemporal.sticky.cache.size: 42\n");
    RuntimeConfig config = load(Map.of("TEMPORAL_CONFIG_FILE", yaml.toString(), "TEMPORAL_NAMESPACE", "from-env"));
    assertThat(config.connection().namespace()).isEqualTo("from-env");
    assertThat(config.sticky().cacheSize()).isEqualTo(42);

    Path json = dir.resolve("runtime.json");
    Files.writeString(json, "{\"TEMPORAL_STICKY_CACHE_SIZE\": -1}");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_CONFIG_FILE", json.toString())))
        .hasMessage("TEMPORAL_STICKY_CACHE_SIZE (file " + json + "): got '-1', allowed an integer in 0..100000");

    Files.writeString(json, "{\"TEMPORAL_STICKY_CACHE_SIZ\": 5}");
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_CONFIG_FILE", json.toString())))
        .hasMessageContaining("unknown setting 'TEMPORAL_STICKY_CACHE_SIZ'");
  }
}
