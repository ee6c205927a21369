package dev.loadharness.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.loadharness.runtime.concurrency.ConcurrencySettings;
import dev.loadharness.runtime.concurrency.SlotKind;
import dev.loadharness.runtime.concurrency.SlotLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link RuntimeConfig} from three layers, later ones winning: a JSON/YAML file named by
 * TEMPORAL_CONFIG_FILE (a flat map of the same names), environment variables, and system properties
 * spelled in lower case with dots ({@code temporal.task.queue} for TEMPORAL_TASK_QUEUE). Errors name
 * the variable, where its value came from, the value and the allowed range.
 */
public final class RuntimeConfigLoader {
  /** Every name the loader reads; a file naming anything else is rejected (typos fail loudly). */
  public static final Set<String> NAMES = Set.of(
      "TEMPORAL_CONFIG_FILE", "TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "TEMPORAL_TASK_QUEUE",
      "TEMPORAL_WORKFLOW_CONCURRENCY", "TEMPORAL_WORKFLOW_CONCURRENCY_MIN", "TEMPORAL_WORKFLOW_CONCURRENCY_MAX",
      "TEMPORAL_ACTIVITY_CONCURRENCY", "TEMPORAL_ACTIVITY_CONCURRENCY_MIN", "TEMPORAL_ACTIVITY_CONCURRENCY_MAX",
      "TEMPORAL_LOCAL_ACTIVITY_CONCURRENCY", "TEMPORAL_LOCAL_ACTIVITY_CONCURRENCY_MIN",
      "TEMPORAL_LOCAL_ACTIVITY_CONCURRENCY_MAX", "TEMPORAL_DYNAMIC_CONCURRENCY", "TEMPORAL_CONTROL_INTERVAL_MS",
      "TEMPORAL_TUNER", "TEMPORAL_RESOURCE_TARGET_CPU", "TEMPORAL_RESOURCE_TARGET_MEMORY",
      "TEMPORAL_STICKY_CACHE_SIZE", "TEMPORAL_MAX_WORKFLOW_THREADS", "TEMPORAL_STICKY_TTL_MS",
      "TEMPORAL_STICKY_DRAIN_TIMEOUT_MS", "TEMPORAL_WORKER_BUILD_ID", "TEMPORAL_WORKER_IDENTITY",
      "TEMPORAL_METRICS_EXPORTER", "TEMPORAL_METRICS_DIR", "TEMPORAL_METRICS_PORT", "TEMPORAL_METRICS_HOST",
      "TEMPORAL_METRICS_INTERVAL_MS",
      "TEMPORAL_OTLP_ENDPOINT", "TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY", "TEMPORAL_TLS_CA",
      "TEMPORAL_TLS_SERVER_NAME", "TEMPORAL_API_KEY", "TEMPORAL_POLLER_MODE", "TEMPORAL_WORKFLOW_POLLERS",
      "TEMPORAL_ACTIVITY_POLLERS", "TEMPORAL_POLLERS_MIN", "TEMPORAL_POLLERS_MAX",
      "TEMPORAL_POLLER_START_JITTER_MS", "TEMPORAL_KEEPALIVE_TIME_MS", "TEMPORAL_KEEPALIVE_TIMEOUT_MS",
      "TEMPORAL_GRPC_RECONNECT_FREQUENCY_MS", "TEMPORAL_TRANSPORT_PREWARM", "TEMPORAL_DRAIN_TIMEOUT_MS",
      "TEMPORAL_HEARTBEAT_TUNING", "TEMPORAL_STICKY_HEAP_FRACTION", "TEMPORAL_STICKY_BYTES_PER_WORKFLOW");

  private static final Set<String> SECRET_NAMES = Set.of("TEMPORAL_API_KEY");

  private final Map<String, String> values;
  private final Map<String, String> sources;

  private RuntimeConfigLoader(Map<String, String> values, Map<String, String> sources) {
    this.values = values;
    this.sources = sources;
  }

  /** Loads from environment-style names and system properties (plus the file either one names). */
  public static RuntimeConfig load(Map<String, String> env, Properties properties) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    Map<String, String> fromProps = new HashMap<>();
    for (String name : NAMES) {
      String prop = properties.getProperty(propertyName(name));
      if (prop != null) {
        fromProps.put(name, prop);
      }
    }
    String file = fromProps.getOrDefault("TEMPORAL_CONFIG_FILE", env.get("TEMPORAL_CONFIG_FILE"));
    if (file != null && !file.isBlank()) {
      readFile(Path.of(file)).forEach((name, value) -> {
        values.put(name, value);
        sources.put(name, "file " + file);
      });
    }
    for (String name : NAMES) {
      if (env.containsKey(name)) {
        values.put(name, env.get(name));
        sources.put(name, "environment");
      }
    }
    fromProps.forEach((name, value) -> {
      values.put(name, value);
      sources.put(name, "system property " + propertyName(name));
    });
    return new RuntimeConfigLoader(values, sources).buildNamingSources();
  }

  private RuntimeConfig buildNamingSources() {
    try {
      return build();
    } catch (ConfigException e) {
      // Records validate with bare variable names; add where the value came from.
      String message = e.getMessage();
      int colon = message.indexOf(':');
      String variable = colon > 0 ? message.substring(0, colon) : "";
      if (sources.containsKey(variable)) {
        throw new ConfigException(described(variable) + message.substring(colon));
      }
      throw e;
    }
  }

  /** The system-property spelling of an environment name: TEMPORAL_TASK_QUEUE -> temporal.task.queue. */
  public static String propertyName(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The base variable of a slot kind's limit, e.g. TEMPORAL_ACTIVITY_CONCURRENCY. */
  public static String concurrencyVariable(SlotKind kind) {
    return "TEMPORAL_" + kind.name() + "_CONCURRENCY";
  }

  private static Map<String, String> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("TEMPORAL_CONFIG_FILE", path, "an existing JSON or YAML file");
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml")
        ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(path.toFile());
    } catch (IOException e) {
      throw new ConfigException("TEMPORAL_CONFIG_FILE " + path + ": not valid "
          + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("TEMPORAL_CONFIG_FILE", path, "a file holding one flat object of settings");
    }
    Map<String, String> result = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey().toUpperCase(Locale.ROOT).replace('.', '_');
      if (!NAMES.contains(name) || name.equals("TEMPORAL_CONFIG_FILE")) {
        throw new ConfigException("TEMPORAL_CONFIG_FILE " + path + ": unknown setting '" + field.getKey()
            + "', allowed: " + new TreeSet<>(NAMES));
      }
      JsonNode value = field.getValue();
      if (!value.isValueNode()) {
        throw new ConfigException("TEMPORAL_CONFIG_FILE " + path + ": " + field.getKey()
            + " must be a string, number or boolean");
      }
      result.put(name, value.asText());
    }
    return result;
  }

  private RuntimeConfig build() {
    ConnectionConfig connection = new ConnectionConfig(
        string("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
        string("TEMPORAL_NAMESPACE", "default"),
        tlsFiles(),
        optional("TEMPORAL_API_KEY").map(key -> Secret.of("TEMPORAL_API_KEY", key)),
        millis("TEMPORAL_KEEPALIVE_TIME_MS", ConnectionConfig.DEFAULT_KEEPALIVE_TIME),
        millis("TEMPORAL_KEEPALIVE_TIMEOUT_MS", ConnectionConfig.DEFAULT_KEEPALIVE_TIMEOUT),
        millis("TEMPORAL_GRPC_RECONNECT_FREQUENCY_MS", ConnectionConfig.DEFAULT_RECONNECT_FREQUENCY),
        bool("TEMPORAL_TRANSPORT_PREWARM", true));
    List<String> queues = Arrays.stream(string("TEMPORAL_TASK_QUEUE", "load-harness").split(","))
        .map(String::trim).toList();
    boolean dynamicSet = values.containsKey("TEMPORAL_DYNAMIC_CONCURRENCY");
    boolean dynamic = bool("TEMPORAL_DYNAMIC_CONCURRENCY", false);
    TunerKind tuner = optional("TEMPORAL_TUNER").map(v -> TunerKind.parse(described("TEMPORAL_TUNER"), v))
        .orElse(dynamic ? TunerKind.ADAPTIVE : TunerKind.FIXED);
    if (!dynamicSet) {
      dynamic = tuner == TunerKind.ADAPTIVE;
    }
    Duration controlInterval = millis("TEMPORAL_CONTROL_INTERVAL_MS", ConcurrencySettings.DEFAULT_CONTROL_INTERVAL);
    Check.millis(described("TEMPORAL_CONTROL_INTERVAL_MS"), controlInterval,
        ConcurrencySettings.MIN_CONTROL_INTERVAL.toMillis(), Duration.ofHours(1).toMillis());
    ConcurrencySettings concurrency = new ConcurrencySettings(
        dynamic,
        limits(SlotKind.WORKFLOW, 10, dynamic),
        limits(SlotKind.ACTIVITY, 14, dynamic),
        limits(SlotKind.LOCAL_ACTIVITY, 14, dynamic),
        controlInterval);
    PollerConfig defaults = PollerConfig.defaults();
    PollerConfig pollers = new PollerConfig(
        optional("TEMPORAL_POLLER_MODE").map(v -> PollerMode.parse(described("TEMPORAL_POLLER_MODE"), v))
            .orElse(defaults.mode()),
        integer("TEMPORAL_WORKFLOW_POLLERS", defaults.workflowPollers()),
        integer("TEMPORAL_ACTIVITY_POLLERS", defaults.activityPollers()),
        integer("TEMPORAL_POLLERS_MIN", defaults.minPollers()),
        integer("TEMPORAL_POLLERS_MAX", defaults.maxPollers()),
        millis("TEMPORAL_POLLER_START_JITTER_MS", defaults.startJitter()));
    StickyCacheConfig stickyDefaults = StickyCacheConfig.defaults();
    boolean memoryAware = optional("TEMPORAL_STICKY_CACHE_SIZE").map(v -> v.trim().equalsIgnoreCase("auto"))
        .orElse(false);
    StickyCacheConfig sticky = new StickyCacheConfig(
        memoryAware ? stickyDefaults.cacheSize() : integer("TEMPORAL_STICKY_CACHE_SIZE", stickyDefaults.cacheSize()),
        integer("TEMPORAL_MAX_WORKFLOW_THREADS", stickyDefaults.maxWorkflowThreads()),
        millis("TEMPORAL_STICKY_TTL_MS", stickyDefaults.scheduleToStartTimeout()),
        millis("TEMPORAL_STICKY_DRAIN_TIMEOUT_MS", stickyDefaults.drainTimeout()),
        memoryAware,
        decimal("TEMPORAL_STICKY_HEAP_FRACTION", stickyDefaults.heapFraction()),
        (long) integer("TEMPORAL_STICKY_BYTES_PER_WORKFLOW", (int) stickyDefaults.bytesPerWorkflow()));
    MetricsConfig metricsDefaults = MetricsConfig.defaults();
    MetricsConfig metrics = new MetricsConfig(
        optional("TEMPORAL_METRICS_EXPORTER")
            .map(v -> MetricsExporter.parseList(described("TEMPORAL_METRICS_EXPORTER"), v))
            .orElse(metricsDefaults.exporters()),
        optional("TEMPORAL_METRICS_DIR").map(Path::of),
        integer("TEMPORAL_METRICS_PORT", metricsDefaults.port()),
        millis("TEMPORAL_METRICS_INTERVAL_MS", metricsDefaults.interval()),
        optional("TEMPORAL_OTLP_ENDPOINT"),
        optional("TEMPORAL_METRICS_HOST").orElse(MetricsConfig.LOOPBACK));
    return new RuntimeConfig(
        connection, queues, tuner, concurrency,
        decimal("TEMPORAL_RESOURCE_TARGET_CPU", 0.8),
        decimal("TEMPORAL_RESOURCE_TARGET_MEMORY", 0.8),
        pollers, sticky,
        optional("TEMPORAL_WORKER_BUILD_ID"),
        optional("TEMPORAL_WORKER_IDENTITY"),
        metrics,
        millis("TEMPORAL_DRAIN_TIMEOUT_MS", Duration.ofSeconds(30)),
        bool("TEMPORAL_HEARTBEAT_TUNING", true));
  }

  private SlotLimits limits(SlotKind kind, int defaultInitial, boolean dynamic) {
    String base = concurrencyVariable(kind);
    int initial = integer(base, defaultInitial);
    Check.range(described(base), initial, 1, RuntimeConfig.MAX_SLOTS);
    int min = integer(base + "_MIN", dynamic ? 1 : initial);
    int max = integer(base + "_MAX", dynamic ? Math.min(RuntimeConfig.MAX_SLOTS, initial * 4) : initial);
    Check.range(described(base + "_MIN"), min, 1, initial);
    Check.range(described(base + "_MAX"), max, initial, RuntimeConfig.MAX_SLOTS);
    if (!dynamic && (min != initial || max != initial)) {
      throw new ConfigException(base + "_MIN/_MAX (" + min + "/" + max + ") differ from " + base + " (" + initial
          + ") but TEMPORAL_DYNAMIC_CONCURRENCY is off: fixed limits have no range");
    }
    return new SlotLimits(initial, min, max);
  }

  private Optional<TlsFiles> tlsFiles() {
    Optional<String> cert = optional("TEMPORAL_TLS_CERT");
    Optional<String> key = optional("TEMPORAL_TLS_KEY");
    Optional<String> ca = optional("TEMPORAL_TLS_CA");
    Optional<String> serverName = optional("TEMPORAL_TLS_SERVER_NAME");
    if (cert.isEmpty() && key.isEmpty() && ca.isEmpty() && serverName.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TlsFiles(
        cert.map(Path::of).orElse(null), key.map(Path::of).orElse(null),
        ca.map(Path::of).orElse(null), serverName.orElse(null)));
  }

  private String described(String name) {
    return sources.containsKey(name) ? name + " (" + sources.get(name) + ")" : name;
  }

  private Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  private String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  private int integer(String name, int defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(described(name), shown(name, raw.get()), "an integer");
    }
  }

  private double decimal(String name, double defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(raw.get().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(described(name), shown(name, raw.get()), "a number");
    }
  }

  private Duration millis(String name, Duration defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long ms = Long.parseLong(raw.get().trim());
      if (ms < 0) {
        throw new ConfigException(described(name), ms, "a non-negative number of milliseconds");
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new ConfigException(described(name), shown(name, raw.get()), "a whole number of milliseconds");
    }
  }

  private boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new ConfigException(described(name), raw.get(), "true|false (also on|off, yes|no, 1|0)");
    };
  }

  private static String shown(String name, String value) {
    return SECRET_NAMES.contains(name) ? "<redacted>" : value;
  }
}
