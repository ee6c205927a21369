package dev.loadharness.scenarios.catalog;

import java.util.Map;

/**
 * The input every catalog workflow takes: the kind's resolved parameters plus a seed, so a workflow's
 * decisions are deterministic (replay-safe) yet differ between workflows.
 */
public record Shape(String kind, Map<String, Integer> params, long seed) {

  public Shape {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /** The parameter {@code name}, or {@code fallback} when absent. */
  public int get(String name, int fallback) {
    Integer value = params.get(name);
    return value == null ? fallback : value;
  }

  /** A copy with one parameter replaced (children and continued runs). */
  public Shape with(String name, int value) {
    java.util.HashMap<String, Integer> copy = new java.util.HashMap<>(params);
    copy.put(name, value);
    return new Shape(kind, copy, seed);
  }
}
