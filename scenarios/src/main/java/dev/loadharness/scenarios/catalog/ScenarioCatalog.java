package dev.loadharness.scenarios.catalog;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import java.util.List;

/** The scenarios' workflows and activities, found by workers and the replay command via ServiceLoader. */
public final class ScenarioCatalog implements WorkflowCatalog {

  @Override
  public String name() {
    return "scenarios";
  }

  @Override
  public List<Class<?>> workflowImplementationTypes() {
    return List.of(
        ChainWorkflow.Impl.class,
        DiamondWorkflow.Impl.class,
        DagWorkflow.Impl.class,
        DecisionWorkflow.Impl.class,
        BatchWorkflow.Impl.class,
        TreeWorkflow.Impl.class,
        InteractiveWorkflow.Impl.class,
        TimerWorkflow.Impl.class,
        ContinueAsNewWorkflow.Impl.class,
        LargePayloadWorkflow.Impl.class,
        LongHistoryWorkflow.Impl.class,
        KitchenSinkWorkflow.Impl.class,
        LongIdleWorkflow.Impl.class);
  }

  @Override
  public List<Object> activityImplementations() {
    return List.of(new LoadActivitiesImpl());
  }
}
