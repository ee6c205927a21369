package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs that aim the harness at the user's own workflows and workers. */
class UserSpecTest {
  private static final String HEAD = """
      name: own
      workflows: 4
      injection: {model: at-once}
      time_budget: 30s
      """;

  @Test
  void aUserTypeWithArgsAndTheUsersJarsParse(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("own.yaml");
    Files.writeString(spec, HEAD + """
        mix:
          - {type: OrderWorkflow, weight: 2, args: [{id: "${uuid}"}, 3]}
          - {kind: linear, weight: 1}
        workers: {classpath: [lib/app.jar], workflow_classes: [com.x.Impl], task_queue: orders}
        """);
    ScenarioSpec s = ScenarioSpecs.load(spec.toString());
    assertThat(s.mix().get(0).isUserType()).isTrue();
    assertThat(s.mix().get(0).workflowType()).isEqualTo("OrderWorkflow");
    assertThat(s.mix().get(0).input().args()).hasSize(2);
    assertThat(s.mix().get(1).workflowType()).isEqualTo("ChainWorkflow");
    assertThat(s.hasUserTypes()).isTrue();
    assertThat(s.hasCatalogKinds()).isTrue();
    assertThat(s.workers().code().classpath()).containsExactly(dir.resolve("lib/app.jar"));
    assertThat(s.workers().code().workflowClasses()).containsExactly("com.x.Impl");
    assertThat(s.workers().taskQueue()).contains("orders");
    assertThat(s.workers().isExternal()).isFalse();
  }

  @Test
  void externalWorkersNeedTheirTaskQueueAndHttpMetricsUrls() {
    ScenarioSpec s = ScenarioSpecs.parse("ext.yaml", HEAD + """
        mix: [{type: OrderWorkflow, args: []}]
        workers: {external: true, task_queue: fleet, metrics_urls: ["http://127.0.0.1:9464/metrics"]}
        """);
    assertThat(s.workers().external()).get().extracting(ExternalWorkers::metricsUrls).asList()
        .containsExactly(URI.create("http://127.0.0.1:9464/metrics"));
    assertThat(s.workers().taskQueue()).contains("fleet");
    assertThatThrownBy(() -> ScenarioSpecs.parse("ext.yaml", HEAD + """
        mix: [{type: OrderWorkflow}]
        workers: {external: true, metrics_urls: ["ftp://x/metrics", "not a url"], kill_one_after: 5s,
                  classpath: [a.jar]}
        """)).isInstanceOf(SpecException.class).satisfies(e -> assertThat(((SpecException) e).problems())
        .containsExactly(
            "workers.task_queue: missing; external workers need the task queue they poll",
            "workers.classpath: external workers run their own code; the harness starts none",
            "workers.kill_one_after: the harness cannot kill external workers",
            "workers.metrics_urls[0]: \"ftp://x/metrics\" is not an http(s)://host:port/metrics URL",
            "workers.metrics_urls[1]: \"not a url\" is not an http(s)://host:port/metrics URL"));
  }

  @Test
  void aUserEntryTakesArgsNotKindOrParamsAndMetricsUrlsNeedExternal() {
    assertThatThrownBy(() -> ScenarioSpecs.parse("bad.yaml", HEAD + """
        mix: [{type: OrderWorkflow, kind: linear, params: {steps: 1}, args: ["${nope}"]}]
        workers: {metrics_urls: ["http://127.0.0.1:1/metrics"], workflow_classes: [a.B]}
        """)).isInstanceOf(SpecException.class).satisfies(e -> assertThat(((SpecException) e).problems())
        .containsExactly(
            "mix[0].kind: give kind (a catalog kind) or type (your workflow type), not both",
            "mix[0].params: params belong to catalog kinds; a user's type takes args",
            "mix[0].args[0]: ${nope} is not a variable; known: " + InputTemplate.KNOWN,
            "workers.classpath: missing; workflow_classes and activity_classes name classes of these jars",
            "workers.metrics_urls: only for external workers (external: true); the harness reads its own workers' "
                + "metrics from their files"));
  }

  @Test
  void oneProblemIsOneLine() {
    assertThatThrownBy(() -> ScenarioSpecs.parse("one.yaml", HEAD + "mix: [{type: \"\", args: []}]\n"))
        .hasMessage("one.yaml: mix[0].type: missing; the workflow type name your workers register (args are for a "
            + "user's type)");
  }
}
