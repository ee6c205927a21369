package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.Workload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which runs are like runs, fit to be each other's baseline: the scenario plus every recorded setting that
 * changes what is measured. Parts, each a readable {@code name -> value}:
 * <ul>
 *   <li>{@code runtime.*}: the effective worker settings, flattened ({@code runtime.mode} is fixed, adaptive,
 *       sdk-resource-based or sdk-poller-autoscaling; slots, pollers, cache, processes);</li>
 *   <li>{@code workload.*}: mix, injection, workflow count, warm-up, injected faults (from the record's
 *       {@code workload}; records written before it existed get {@code workload = }{@value #LEGACY_WORKLOAD},
 *       so they stay comparable with each other and never with newer runs);</li>
 *   <li>{@code server.kind}, {@code server.version};</li>
 *   <li>{@code machine}, {@code machine.cpus}, {@code machine.heap_max_mb}, {@code machine.jvm} (feature
 *       version and vendor: a JDK patch release does not restart a trend, a new feature release does).</li>
 * </ul>
 * Host names are left out ({@code machine} already names the class of machine, see {@link Environment}).
 *
 * @param scenario scenario name
 * @param parts the parts, sorted by name
 */
public record TrendKey(String scenario, SortedMap<String, String> parts) {

  /** The {@code workload} part of records that carry no workload (written before the field existed). */
  public static final String LEGACY_WORKLOAD = "not recorded (legacy record)";
  /** Parts shown first in short labels, in this order. */
  private static final List<String> LABEL_PARTS = List.of("runtime.mode", "server.kind", "server.version", "machine");

  /** Validates the scenario and freezes the parts. */
  public TrendKey {
    if (scenario == null || scenario.isBlank()) {
      throw new IllegalArgumentException("trend key scenario must be non-blank, was " + scenario);
    }
    if (parts == null || !parts.containsKey("server.kind") || !parts.containsKey("machine")) {
      throw new IllegalArgumentException("trend key of " + scenario + " needs parts server.kind and machine, had "
          + (parts == null ? "none" : parts.keySet()));
    }
    parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
  }

  /** The key of a run, from its record. */
  public static TrendKey of(RunRecord run) {
    SortedMap<String, String> parts = new TreeMap<>();
    flatten("runtime", run.runtime(), parts);
    Workload w = run.workload();
    if (w == null) {
      parts.put("workload", LEGACY_WORKLOAD);
    } else {
      w.parts().forEach((k, v) -> parts.put("workload." + k, v));
    }
    Environment e = run.environment();
    parts.put("server.kind", e.serverKind());
    parts.put("server.version", e.serverVersion());
    parts.put("machine", e.machine());
    parts.put("machine.cpus", Integer.toString(e.cpus()));
    parts.put("machine.heap_max_mb", Long.toString(Math.round(e.heapMaxBytes() / 1048576.0)));
    parts.put("machine.jvm", e.jvm().replaceFirst("^(\\d+)[^ ]*", "$1"));
    return new TrendKey(run.scenario(), parts);
  }

  private static void flatten(String prefix, Map<String, ?> map, Map<String, String> out) {
    for (Map.Entry<String, ?> entry : new TreeMap<>(map).entrySet()) {
      String name = prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        Map<String, Object> typed = new LinkedHashMap<>();
        nested.forEach((k, v) -> typed.put(String.valueOf(k), v));
        flatten(name, typed, out);
      } else {
        out.put(name, String.valueOf(entry.getValue()));
      }
    }
  }

  /** Whether the key comes from records without a workload, so mix and injection are not part of it. */
  public boolean legacy() {
    return LEGACY_WORKLOAD.equals(parts.get("workload"));
  }

  /** The server kind part (the trend store files runs under it). */
  public String serverKind() {
    return parts.get("server.kind");
  }

  /** The machine part (JMH results of the same machine are shown with the trend). */
  public String machine() {
    return parts.get("machine");
  }

  /** Ten hex digits of the SHA-256 of scenario and parts: equal keys, equal hash. */
  public String hash() {
    StringBuilder canonical = new StringBuilder(scenario).append('\n');
    parts.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A short readable name: runtime mode, server kind and version, machine, e.g. {@code fixed · dev-server 1.32.0 · ci-4cpu}. */
  public String label() {
    String mode = parts.getOrDefault("runtime.mode", "runtime settings");
    return mode + " \u00b7 " + serverKind() + " " + parts.get("server.version") + " \u00b7 " + machine()
        + (legacy() ? " \u00b7 legacy" : "");
  }

  /** The parts whose value differs from {@code other}'s (or that only one key has): name to [this, other]. */
  public SortedMap<String, List<String>> differences(TrendKey other) {
    SortedMap<String, List<String>> diff = new TreeMap<>();
    TreeMap<String, String> all = new TreeMap<>(parts);
    other.parts.forEach(all::putIfAbsent);
    for (String name : all.keySet()) {
      String mine = parts.getOrDefault(name, "\u2013");
      String theirs = other.parts.getOrDefault(name, "\u2013");
      if (!mine.equals(theirs)) {
        diff.put(name, List.of(mine, theirs));
      }
    }
    return diff;
  }

  /** A file-name-safe form, e.g. {@code worker-load-128--fixed--3f9a0c21d4}. */
  public String slug() {
    return safe(scenario) + "--" + safe(parts.getOrDefault("runtime.mode", "runtime")) + "--" + hash();
  }

  /** Parts in display order: the label parts first, then the rest by name. */
  public Map<String, String> displayParts() {
    Map<String, String> ordered = new LinkedHashMap<>();
    LABEL_PARTS.stream().filter(parts::containsKey).forEach(p -> ordered.put(p, parts.get(p)));
    parts.forEach(ordered::putIfAbsent);
    return ordered;
  }

  /** Replaces every character outside {@code [A-Za-z0-9._-]} with {@code _} and refuses dot-only names. */
  public static String safe(String part) {
    String s = part.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.matches("\\.*") ? s.replace('.', '_') + "_" : s;
  }
}
