package dev.loadharness.scenarios.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.UserCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's check of a user's code before any worker starts: one line naming what is wrong. */
class UserWorkerCodeTest {
  private static final ScenarioSpec OWN = ScenarioSpecs.parse("own.yaml", """
      name: own
      workflows: 2
      mix: [{type: OrderWorkflow, args: []}]
      injection: {model: at-once}
      time_budget: 30s
      """);

  @Test
  void aUserTypeWithoutCodeOrExternalWorkersIsRefused() {
    assertThatThrownBy(() -> UserWorkerCode.check(OWN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mix[0].type: \"OrderWorkflow\" is not a catalog workflow; give the code");
  }

  @Test
  void aMissingJarIsNamed(@TempDir Path dir) {
    Path jar = dir.resolve("app.jar");
    assertThatThrownBy(() -> UserWorkerCode.check(OWN.withWorkerCode(new UserCode(List.of(jar), List.of(), List.of()))))
        .hasMessage("--worker-classpath " + jar + ": no such file or directory");
  }

  @Test
  void jarsWithoutACatalogOrClassesAreRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> UserWorkerCode.check(OWN.withWorkerCode(new UserCode(List.of(dir), List.of(), List.of()))))
        .hasMessage("--worker-classpath " + dir + ": declares no dev.loadharness.runtime.catalog.WorkflowCatalog "
            + "(META-INF/services) and no --workflow-class was given");
  }

  @Test
  void aClassNotFoundIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> UserWorkerCode.check(OWN.withWorkerCode(
        new UserCode(List.of(dir), List.of("com.example.Missing"), List.of()))))
        .hasMessage("--workflow-class com.example.Missing: class not found on the worker classpath "
            + "(ClassNotFoundException)");
  }

  @Test
  void anUnknownTypeListsWhatTheCodeRegisters(@TempDir Path dir) {
    // A catalog class on the harness's own classpath stands in for the user's: the loader finds it through its parent.
    UserCode code = new UserCode(List.of(dir), List.of("dev.loadharness.scenarios.catalog.ChainWorkflow$Impl"),
        List.of("dev.loadharness.scenarios.catalog.LoadActivitiesImpl"));
    assertThatThrownBy(() -> UserWorkerCode.check(OWN.withWorkerCode(code)))
        .hasMessageStartingWith("mix[0].type: unknown workflow type \"OrderWorkflow\"; --workflow-class "
            + "dev.loadharness.scenarios.catalog.ChainWorkflow$Impl in ")
        .hasMessageEndingWith(" registers: ChainWorkflow");
  }

  @Test
  void knownClassesBecomeWorkerArgumentsAndJarsJoinTheClasspath(@TempDir Path dir) {
    ScenarioSpec spec = ScenarioSpecs.parse("own.yaml", """
        name: own
        workflows: 2
        mix: [{type: ChainWorkflow, args: []}, {kind: dag}]
        injection: {model: at-once}
        time_budget: 30s
        """).withWorkerCode(new UserCode(List.of(dir), List.of("dev.loadharness.scenarios.catalog.ChainWorkflow$Impl"),
        List.of("dev.loadharness.scenarios.catalog.LoadActivitiesImpl")));
    UserWorkerCode code = UserWorkerCode.check(spec);
    assertThat(code.workerArguments()).containsExactly(
        "--workflow-class", "dev.loadharness.scenarios.catalog.ChainWorkflow$Impl",
        "--activity-class", "dev.loadharness.scenarios.catalog.LoadActivitiesImpl",
        "--catalog", "scenarios");
    assertThat(code.workerClasspath("base.jar")).isEqualTo("base.jar" + java.io.File.pathSeparator + dir.toAbsolutePath());
  }
}
