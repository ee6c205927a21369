package dev.loadharness.scenarios.worker;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import dev.loadharness.runtime.replay.WorkflowImplementations;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.UserCode;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The user's code as the harness's worker JVMs will run it, checked in the runner before any worker starts:
 * every jar exists, every named class loads, the jars declare a {@link WorkflowCatalog} when no class is
 * named, and every workflow type of the mix is one the code registers. Each failure is one line naming the
 * jar, class or type, so {@code scripts/load} exits 2 before starting a server.
 *
 * @param classpath what the worker JVMs' classpath gains (absolute paths; empty without user code)
 * @param workerArguments what each worker registers ({@code --catalog}, {@code --workflow-class}, ...); empty:
 *     every catalog on the classpath, the harness's own run
 * @param origin where the registered code comes from, for the run's first lines
 */
public record UserWorkerCode(List<Path> classpath, List<String> workerArguments, String origin) {
  /** The harness's own catalog, nothing added. */
  public static final UserWorkerCode CATALOG = new UserWorkerCode(List.of(), List.of(), "the harness catalog");
  /** The name of the harness's own catalog (ScenarioCatalog). */
  static final String HARNESS_CATALOG = "scenarios";

  public UserWorkerCode {
    classpath = List.copyOf(classpath);
    workerArguments = List.copyOf(workerArguments);
  }

  /** The worker JVMs' classpath: {@code base} with the user's jars appended. */
  public String workerClasspath(String base) {
    if (classpath.isEmpty()) {
      return base;
    }
    return base + File.pathSeparator + classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * Checks {@code spec}'s user code against its mix.
   *
   * @throws IllegalArgumentException one line naming the jar, class or workflow type at fault
   */
  public static UserWorkerCode check(ScenarioSpec spec) {
    UserCode code = spec.workers().code();
    if (!code.present()) {
      if (!spec.workers().isExternal()) {
        spec.mix().stream().filter(WorkloadEntry::isUserType).findFirst().ifPresent(e -> {
          throw new IllegalArgumentException("mix[" + spec.mix().indexOf(e) + "].type: \"" + e.userType() + "\" is "
              + "not a catalog workflow; give the code that implements it with --worker-classpath app.jar "
              + "(or workers.classpath), or point the run at your deployed workers (workers.external)");
        });
      }
      return CATALOG;
    }
    List<Path> jars = new ArrayList<>();
    for (Path entry : code.classpath()) {
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException("--worker-classpath " + entry + ": no such file or directory");
      }
      jars.add(entry.toAbsolutePath().normalize());
    }
    try (URLClassLoader loader = new URLClassLoader(urls(jars), UserWorkerCode.class.getClassLoader())) {
      List<String> arguments = new ArrayList<>();
      List<Class<?>> types = new ArrayList<>();
      String origin;
      if (code.workflowClasses().isEmpty()) {
        List<String> names = new ArrayList<>();
        for (WorkflowCatalog catalog : ServiceLoader.load(WorkflowCatalog.class, loader)) {
          if (catalog.getClass().getClassLoader() == loader) {
            names.add(catalog.name());
            types.addAll(catalog.workflowImplementationTypes());
            arguments.addAll(List.of("--catalog", catalog.name()));
          }
        }
        if (names.isEmpty()) {
          throw new IllegalArgumentException("--worker-classpath " + describe(jars) + ": declares no "
              + WorkflowCatalog.class.getName() + " (META-INF/services) and no --workflow-class was given");
        }
        origin = "catalog(s) " + String.join(", ", names) + " in " + describe(jars);
      } else {
        for (String name : code.workflowClasses()) {
          types.add(Registrations.load("--workflow-class", name, loader));
          arguments.addAll(List.of("--workflow-class", name));
        }
        origin = "--workflow-class " + String.join(", ", code.workflowClasses()) + " in " + describe(jars);
      }
      for (String name : code.activityClasses()) {
        Class<?> type = Registrations.load("--activity-class", name, loader);
        try {
          type.getConstructor();
        } catch (NoSuchMethodException e) {
          throw new IllegalArgumentException("--activity-class " + name + ": needs a public no-argument constructor");
        }
        arguments.addAll(List.of("--activity-class", name));
      }
      WorkflowImplementations served = WorkflowImplementations.of(types, origin);
      for (int i = 0; i < spec.mix().size(); i++) {
        WorkloadEntry e = spec.mix().get(i);
        if (e.isUserType() && !served.serves(e.userType())) {
          throw new IllegalArgumentException("mix[" + i + "].type: unknown workflow type \"" + e.userType() + "\"; "
              + origin + " registers: " + String.join(", ", new java.util.TreeSet<>(served.typeNames())));
        }
      }
      if (spec.hasCatalogKinds()) {
        arguments.addAll(List.of("--catalog", HARNESS_CATALOG));
      }
      return new UserWorkerCode(jars, arguments, origin);
    } catch (IOException e) {
      throw new IllegalArgumentException("--worker-classpath " + describe(jars) + ": " + e.getMessage(), e);
    }
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--worker-classpath " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return urls;
  }

  private static String describe(List<Path> jars) {
    return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
