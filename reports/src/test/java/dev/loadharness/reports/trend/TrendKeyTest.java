package dev.loadharness.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendKeyTest {

  static final RunRecord RUN = Fixtures.run(0);
  static final TrendKey KEY = TrendKey.of(RUN);

  @Test
  void keyHoldsEveryPartThatChangesWhatIsMeasuredReadably() {
    assertThat(KEY.scenario()).isEqualTo("worker-load-128");
    assertThat(KEY.parts()).containsEntry("runtime.mode", "adaptive")
        .containsEntry("runtime.workflow_cache_size", "600")
        .containsEntry("runtime.slots.workflow.max", "200")
        .containsEntry("workload.mix", "linear x3 {cpu_ms=5, io_ms=50, steps=3} + interactive x1")
        .containsEntry("workload.injection", "constant-rate 4.3/s for 30 s")
        .containsEntry("workload.workflows", "128")
        .containsEntry("workload.warm_up", "10 s, 16 workflows")
        .containsEntry("workload.kill_one_worker_after", "never")
        .containsEntry("server.kind", "dev-server").containsEntry("server.version", "1.32.0")
        .containsEntry("machine", "fixture-host-2cpu").containsEntry("machine.cpus", "2")
        .containsEntry("machine.heap_max_mb", "512").containsEntry("machine.jvm", "17 (Eclipse Adoptium)")
        .doesNotContainKey("hostname");
    assertThat(KEY.legacy()).isFalse();
    assertThat(KEY.label()).isEqualTo("adaptive \u00b7 dev-server 1.32.0 \u00b7 fixture-host-2cpu");
    assertThat(KEY.hash()).matches("[0-9a-f]{10}");
    assertThat(KEY.slug()).isEqualTo("worker-load-128--adaptive--" + KEY.hash());
    assertThat(List.copyOf(KEY.displayParts().keySet()).subList(0, 4))
        .containsExactly("runtime.mode", "server.kind", "server.version", "machine");
  }

  @Test
  void equalSettingsGiveEqualKeysWhateverTheRunAndItsNumbers() {
    RunRecord other = Fixtures.run(Fixtures.RUNS - 1);
    assertThat(TrendKey.of(other)).isEqualTo(KEY);
    assertThat(TrendKey.of(other).hash()).isEqualTo(KEY.hash());
    // a JDK patch release and another host of the same machine class keep the key
    RunRecord patched = RUN.toBuilder().environment(new Environment("dev-server", "1.32.0",
        "17.0.14+7 (Eclipse Adoptium)", 2, 512L << 20, "another-host", "fixture-host-2cpu")).build();
    assertThat(TrendKey.of(patched)).isEqualTo(KEY);
  }

  @Test
  void eachPartOnItsOwnMakesADifferentKey() {
    Map<String, RunRecord> changed = Map.of(
        "runtime.mode", RUN.toBuilder().runtimeSetting("mode", "fixed").build(),
        "runtime.workflow_cache_size", RUN.toBuilder().runtimeSetting("workflow_cache_size", 150).build(),
        "workload.injection", RUN.toBuilder().workload(new Workload(128, Fixtures.WORKLOAD.mix(),
            new Workload.Injection("constant-rate", 30, 9.0, 0), 10, 16, null)).build(),
        "workload.mix", RUN.toBuilder().workload(new Workload(128,
            List.of(new Workload.MixEntry("linear", 3, Map.of("steps", 3, "cpu_ms", 5, "io_ms", 500))),
            Fixtures.WORKLOAD.injection(), 10, 16, null)).build(),
        "workload.kill_one_worker_after", RUN.toBuilder().workload(new Workload(128, Fixtures.WORKLOAD.mix(),
            Fixtures.WORKLOAD.injection(), 10, 16, 20.0)).build(),
        "server.version", RUN.toBuilder().environment(env("dev-server", "1.33.0", "17.0.13", 2)).build(),
        "server.kind", RUN.toBuilder().environment(env("in-memory", "1.32.0", "17.0.13", 2)).build(),
        "machine.cpus", RUN.toBuilder().environment(env("dev-server", "1.32.0", "17.0.13", 4)).build(),
        "machine.jvm", RUN.toBuilder().environment(env("dev-server", "1.32.0", "21.0.5", 2)).build());
    changed.forEach((part, run) -> {
      TrendKey key = TrendKey.of(run);
      assertThat(key).as(part).isNotEqualTo(KEY);
      assertThat(key.hash()).as(part).isNotEqualTo(KEY.hash());
      assertThat(key.differences(KEY)).as(part).containsKey(part);
    });
    assertThat(TrendKey.of(changed.get("runtime.mode")).differences(KEY))
        .containsExactly(Map.entry("runtime.mode", List.of("fixed", "adaptive")));
  }

  static Environment env(String kind, String version, String jvm, int cpus) {
    return new Environment(kind, version, jvm + " (Eclipse Adoptium)", cpus, 512L << 20, "fixture-host",
        "fixture-host-2cpu");
  }

  @Test
  void recordsWithoutAWorkloadAreReadAndKeyedAsLegacy() {
    String json = RunRecords.toJson(RUN);
    int start = json.indexOf("  \"workload\" : {");
    int end = json.indexOf("\n  },\n", start) + "\n  },\n".length();
    String old = json.substring(0, start) + json.substring(end);
    assertThat(old).doesNotContain("workload");
    RunRecord legacy = RunRecords.parse(Path.of("old/run.json"), old);
    assertThat(legacy.workload()).isNull();
    TrendKey key = TrendKey.of(legacy);
    assertThat(key.legacy()).isTrue();
    assertThat(key.parts()).containsEntry("workload", TrendKey.LEGACY_WORKLOAD).doesNotContainKey("workload.mix");
    assertThat(key.label()).endsWith("\u00b7 legacy");
    assertThat(key).isNotEqualTo(KEY).isEqualTo(TrendKey.of(RunRecords.parse(Path.of("old2/run.json"), old)));
  }
}
