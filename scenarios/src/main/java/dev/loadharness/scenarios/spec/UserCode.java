package dev.loadharness.scenarios.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A user's workflow and activity code the harness's worker JVMs register instead of (or beside) the
 * catalog: the jars, and either named classes or the {@code WorkflowCatalog}s the jars declare.
 *
 * @param classpath the user's jars and class directories, appended to the worker JVMs' classpath
 * @param workflowClasses workflow implementation classes to register; empty: the jars' catalogs
 * @param activityClasses activity implementation classes (no-argument constructors) to register
 */
public record UserCode(List<Path> classpath, List<String> workflowClasses, List<String> activityClasses) {
  /** No user code: the workers run the harness's catalog. */
  public static final UserCode NONE = new UserCode(List.of(), List.of(), List.of());

  public UserCode {
    classpath = List.copyOf(classpath);
    workflowClasses = List.copyOf(workflowClasses);
    activityClasses = List.copyOf(activityClasses);
    if (classpath.isEmpty() && (!workflowClasses.isEmpty() || !activityClasses.isEmpty())) {
      throw new IllegalArgumentException("--workflow-class/--activity-class name classes of the user's jars: give "
          + "the jars with --worker-classpath (or workers.classpath)");
    }
  }

  /** Whether any user code is given. */
  public boolean present() {
    return !classpath.isEmpty();
  }

  /** This code with relative classpath entries resolved against {@code base}. */
  public UserCode resolvedAgainst(Path base) {
    return new UserCode(classpath.stream().map(base::resolve).map(Path::normalize).toList(), workflowClasses,
        activityClasses);
  }

  /** Parses {@code jar[:jar...]} (the path separator of this platform). */
  public static List<Path> parseClasspath(String text) {
    return java.util.Arrays.stream(text.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank())
        .map(Path::of).toList();
  }
}
