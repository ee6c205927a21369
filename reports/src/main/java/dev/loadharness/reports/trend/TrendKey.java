package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.RunRecord;

/**
 * Which runs are comparable: same scenario, same kind of Temporal server, same machine (host and CPUs).
 *
 * @param scenario scenario name
 * @param serverKind server environment kind
 * @param machine hostname and processor count, e.g. {@code runner-4cpu}
 */
public record TrendKey(String scenario, String serverKind, String machine) {

  /** Validates that every part is present. */
  public TrendKey {
    if (scenario == null || scenario.isBlank() || serverKind == null || serverKind.isBlank() || machine == null
        || machine.isBlank()) {
      throw new IllegalArgumentException("trend key parts must be non-blank, were scenario=" + scenario
          + " server_kind=" + serverKind + " machine=" + machine);
    }
  }

  /** The key of a run. */
  public static TrendKey of(RunRecord run) {
    return new TrendKey(run.scenario(), run.environment().serverKind(), run.environment().machine());
  }

  /** A file-name-safe form, e.g. {@code worker-load-128--dev-server--host-2cpu}. */
  public String slug() {
    return safe(scenario) + "--" + safe(serverKind) + "--" + safe(machine);
  }

  /** Replaces every character outside {@code [A-Za-z0-9._-]} with {@code _} and refuses dot-only names. */
  public static String safe(String part) {
    String s = part.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.matches("\\.*") ? s.replace('.', '_') + "_" : s;
  }
}
