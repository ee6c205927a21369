package dev.loadharness.scenarios.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds and loads scenario specs: a name resolves to {@code scenarios/<name>.yaml} on the classpath, a
 * path to that file (YAML or JSON; YAML is a superset).
 */
public final class ScenarioSpecs {
  /** The specs shipped with the harness, in the order they are documented. */
  public static final List<String> SHIPPED = List.of("smoke", "worker-load-128", "sticky-pressure", "burst",
      "soak", "worker-restart", "scaling", "concurrency-sweep", "worker-load-128-adaptive", "worker-load-blocking",
      "worker-overhead", "kitchen-sink", "long-idle", "schedules", "ebb-and-flow", "backlog", "many-task-queues");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ScenarioSpecs() {}

  /** Loads a shipped scenario by name, or a spec file when {@code nameOrPath} ends in .yaml/.yml/.json. */
  public static ScenarioSpec load(String nameOrPath) {
    ScenarioSpec spec = parse(source(nameOrPath), text(nameOrPath));
    if (!isFile(nameOrPath)) {
      return spec;
    }
    // workers.classpath entries are relative to the spec file, so a project's spec travels with its jars.
    UserCode code = spec.workers().code();
    return code.present() ? spec.withWorkerCode(code.resolvedAgainst(Path.of(nameOrPath).toAbsolutePath().getParent()))
        : spec;
  }

  /** Where {@code nameOrPath} is read from, as errors name it. */
  private static String source(String nameOrPath) {
    return isFile(nameOrPath) ? Path.of(nameOrPath).toString() : "scenarios/" + nameOrPath + ".yaml";
  }

  private static boolean isFile(String nameOrPath) {
    return nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || nameOrPath.endsWith(".json");
  }

  /**
   * The spec text {@link #load} parses: a distributed run sends it to its drivers, which may not have the
   * file, and each driver parses and validates it as {@link #parse} does.
   */
  public static String text(String nameOrPath) {
    if (isFile(nameOrPath)) {
      Path file = Path.of(nameOrPath);
      if (!Files.isRegularFile(file)) {
        throw new SpecException(nameOrPath, List.of("file: no such file"));
      }
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String resource = "scenarios/" + nameOrPath + ".yaml";
    try (InputStream in = ScenarioSpecs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SpecException(nameOrPath, List.of(
            "scenario: unknown scenario \"" + nameOrPath + "\"; available: " + String.join(", ", SHIPPED)
                + " (or a path to a .yaml/.json spec file)"));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and validates spec text; {@code source} names it in errors. */
  public static ScenarioSpec parse(String source, String text) {
    RawSpec raw;
    try {
      raw = YAML.readValue(text, RawSpec.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new SpecException(source, List.of(path(e) + ": unknown field; known here: " + known));
    } catch (JsonMappingException e) {
      throw new SpecException(source, List.of(path(e) + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new SpecException(source, List.of("(syntax) " + e.getOriginalMessage()));
    }
    if (raw == null) {
      throw new SpecException(source, List.of("(file): empty spec"));
    }
    return SpecValidator.validate(source, raw);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }
}
