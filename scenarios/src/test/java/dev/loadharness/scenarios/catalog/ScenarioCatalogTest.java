package dev.loadharness.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import io.temporal.workflow.WorkflowInterface;
import java.util.Arrays;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(WorkflowCatalog.class)).extracting(WorkflowCatalog::name).contains("scenarios");
  }

  @Test
  void registersAnImplementationForEveryKind() {
    var registered = new ScenarioCatalog().workflowImplementationTypes();
    for (WorkflowKind kind : WorkflowKind.values()) {
      assertThat(kind.workflowInterface().isAnnotationPresent(WorkflowInterface.class)).isTrue();
      assertThat(registered).as(kind.id()).anyMatch(kind.workflowInterface()::isAssignableFrom);
    }
    assertThat(registered).hasSizeGreaterThanOrEqualTo(11);
  }

  @Test
  void cpuActivityDoesTheAskedAmountOfWorkDeterministically() {
    LoadActivitiesImpl activities = new LoadActivitiesImpl();
    long a = activities.cpu(0, 5);
    assertThat(activities.cpu(0, 5)).isEqualTo(a);
    assertThat(activities.payload(4, 9)).hasSize(4096).isEqualTo(activities.payload(4, 9));
    assertThat(Arrays.asList(activities.echo(3))).containsExactly(3);
  }
}
