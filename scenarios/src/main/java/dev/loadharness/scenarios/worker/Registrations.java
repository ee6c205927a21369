package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one worker registers: the workflow implementation classes and activity instances, from the named
 * {@link WorkflowCatalog}s found with ServiceLoader and the named classes. Nothing named: every catalog on
 * the classpath (the harness's own run). Classes are loaded from {@code loader}, the worker JVM's classpath,
 * to which the runner appended the user's jars.
 *
 * @param workflowTypes workflow implementation classes
 * @param activities activity implementation instances
 * @param origin where they came from, for the worker's log
 */
public record Registrations(List<Class<?>> workflowTypes, List<Object> activities, String origin) {

  public Registrations {
    workflowTypes = List.copyOf(workflowTypes);
    activities = List.copyOf(activities);
  }

  /**
   * Resolves what to register.
   *
   * @param catalogs names of catalogs to register (their {@link WorkflowCatalog#name()})
   * @param workflowClasses workflow implementation class names
   * @param activityClasses activity implementation class names, each with a public no-argument constructor
   * @throws IllegalArgumentException naming the catalog or class that cannot be found or built
   */
  public static Registrations resolve(List<String> catalogs, List<String> workflowClasses,
      List<String> activityClasses, ClassLoader loader) {
    List<Class<?>> types = new ArrayList<>();
    List<Object> activities = new ArrayList<>();
    boolean everything = catalogs.isEmpty() && workflowClasses.isEmpty() && activityClasses.isEmpty();
    Set<String> found = new TreeSet<>();
    for (WorkflowCatalog catalog : ServiceLoader.load(WorkflowCatalog.class, loader)) {
      found.add(catalog.name());
      if (everything || catalogs.contains(catalog.name())) {
        types.addAll(catalog.workflowImplementationTypes());
        activities.addAll(catalog.activityImplementations());
      }
    }
    for (String name : catalogs) {
      if (!found.contains(name)) {
        throw new IllegalArgumentException("--catalog " + name + ": no WorkflowCatalog of that name on the classpath; "
            + "found: " + found);
      }
    }
    workflowClasses.forEach(name -> types.add(load("--workflow-class", name, loader)));
    activityClasses.forEach(name -> activities.add(instantiate(load("--activity-class", name, loader))));
    String origin = everything ? "catalogs " + found
        : "catalogs " + catalogs + " classes " + workflowClasses + " activities " + activityClasses;
    return new Registrations(types, activities, origin);
  }

  /** Loads {@code name} with {@code loader}; the message names the option and the class. */
  public static Class<?> load(String option, String name, ClassLoader loader) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(option + " " + name + ": class not found on the worker classpath ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** An instance of an activity implementation through its public no-argument constructor. */
  public static Object instantiate(Class<?> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("--activity-class " + type.getName() + ": cannot be built with a public "
          + "no-argument constructor: " + (e.getCause() != null ? e.getCause() : e), e);
    }
  }
}
