package dev.loadharness.runtime.replay;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.workflow.DynamicWorkflow;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The workflow implementations a replay checks histories against, and the workflow type names they
 * serve (to reject a history of an unknown type as bad input instead of a replay failure).
 *
 * @param types implementation classes
 * @param typeNames workflow type names they implement
 * @param dynamic whether one of them is a {@link DynamicWorkflow}, which accepts any type
 * @param origin where they came from, for the report
 */
public record WorkflowImplementations(List<Class<?>> types, Set<String> typeNames, boolean dynamic, String origin) {

  /** Validates and copies. */
  public WorkflowImplementations {
    types = List.copyOf(types);
    typeNames = Set.copyOf(typeNames);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no workflow implementations: name them with --workflow-class, or put a jar "
          + "registering a " + WorkflowCatalog.class.getName() + " (META-INF/services) on --classpath");
    }
  }

  /**
   * Loads implementations: the named classes when any are named, else those of every
   * {@link WorkflowCatalog} found by ServiceLoader; jars and directories in classpath are searched too.
   */
  public static WorkflowImplementations load(List<Path> classpath, List<String> workflowClasses) {
    ClassLoader loader = loaderFor(classpath);
    List<Class<?>> types = new ArrayList<>();
    String origin;
    if (!workflowClasses.isEmpty()) {
      for (String name : workflowClasses) {
        try {
          types.add(Class.forName(name, true, loader));
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalArgumentException("--workflow-class " + name + ": class not found on the classpath "
              + "(add its jar with --classpath): " + e, e);
        }
      }
      origin = "--workflow-class";
    } else {
      List<String> names = new ArrayList<>();
      for (WorkflowCatalog catalog : ServiceLoader.load(WorkflowCatalog.class, loader)) {
        types.addAll(catalog.workflowImplementationTypes());
        names.add(catalog.name());
      }
      origin = "catalogs " + names;
    }
    return of(types, origin);
  }

  /** Describes the given classes. */
  public static WorkflowImplementations of(List<Class<?>> types, String origin) {
    Map<String, Class<?>> byName = new TreeMap<>();
    boolean dynamic = false;
    for (Class<?> type : types) {
      if (DynamicWorkflow.class.isAssignableFrom(type)) {
        dynamic = true;
        continue;
      }
      List<POJOWorkflowMethodMetadata> methods;
      try {
        methods = POJOWorkflowImplMetadata.newInstance(type).getWorkflowMethods();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(type.getName() + " is not a workflow implementation: " + e.getMessage(), e);
      }
      for (POJOWorkflowMethodMetadata m : methods) {
        Class<?> other = byName.putIfAbsent(m.getName(), type);
        if (other != null && other != type) {
          // A worker registers one implementation per type; say which, instead of failing inside the SDK.
          throw new IllegalArgumentException("workflow type \"" + m.getName() + "\" is implemented by both "
              + other.getName() + " and " + type.getName() + " (" + origin + "); name the one to replay against with --workflow-class");
        }
      }
    }
    return new WorkflowImplementations(types, byName.keySet(), dynamic, origin);
  }

  /** Whether a history of this workflow type can be replayed. */
  public boolean serves(String workflowType) {
    return dynamic || typeNames.contains(workflowType);
  }

  private static ClassLoader loaderFor(List<Path> classpath) {
    ClassLoader parent = WorkflowImplementations.class.getClassLoader();
    if (classpath.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      Path p = classpath.get(i);
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("--classpath " + p + ": no such file or directory");
      }
      try {
        urls[i] = p.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--classpath " + p + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader(urls, parent);
  }
}
