package dev.loadharness.runtime.catalog;

import java.util.List;

/**
 * A set of workflow and activity implementations that workers register and replays check against.
 * Found with {@link java.util.ServiceLoader}, so a module that depends on the runtime (the scenarios
 * catalog, a user's jar on {@code --classpath}) can supply them without the runtime depending on it.
 */
public interface WorkflowCatalog {

  /** A short name, e.g. "scenarios". */
  String name();

  /** Workflow implementation classes, as passed to {@code Worker.registerWorkflowImplementationTypes}. */
  List<Class<?>> workflowImplementationTypes();

  /** Activity implementation instances, as passed to {@code Worker.registerActivitiesImplementations}. */
  List<Object> activityImplementations();
}
