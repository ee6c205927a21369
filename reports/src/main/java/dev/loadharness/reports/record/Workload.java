package dev.loadharness.reports.record;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What load a run drove, as far as it changes what is measured: the workflow mix, how workflows arrived,
 * how many, the warm-up and any injected fault. Written by the load runner from the scenario spec; two runs
 * with equal workloads (and equal worker settings, server and machine) are comparable in a trend.
 *
 * @param workflows workflows the run starts; 0 for the closed model, which starts as many as complete in its
 *     duration
 * @param mix the workflow kinds with their weights and parameters, in spec order
 * @param injection how workflows arrived
 * @param warmUpS seconds at the start of the run left out of latency statistics
 * @param warmUpWorkflows workflows run (and awaited) before the measured load
 * @param killOneWorkerAfterS seconds into the run one worker is killed, null when no worker is killed
 */
public record Workload(
    int workflows, List<MixEntry> mix, Injection injection, double warmUpS, int warmUpWorkflows,
    Double killOneWorkerAfterS) {

  /** Validates counts and freezes the mix. */
  public Workload {
    if (injection == null) {
      throw new IllegalArgumentException("workload.injection is required");
    }
    // A closed-model run's count is whatever completed in its duration: the spec gives none.
    if (workflows < ("closed".equals(injection.model()) || "backlog".equals(injection.model()) ? 0 : 1)) {
      throw new IllegalArgumentException("workload.workflows must be >= 1 (0 for the closed model), was " + workflows);
    }
    if (mix == null || mix.isEmpty()) {
      throw new IllegalArgumentException("workload.mix must name at least one workflow kind");
    }
    if (!(warmUpS >= 0) || warmUpWorkflows < 0) {
      throw new IllegalArgumentException("workload warm_up_s and warm_up_workflows must be >= 0, were " + warmUpS
          + ", " + warmUpWorkflows);
    }
    mix = List.copyOf(mix);
  }

  /**
   * The parts that key trend comparisons, each a short canonical text, e.g. {@code mix -> linear x3
   * {cpu_ms=5, steps=2} + dag x1}; equal workloads give equal parts.
   */
  public Map<String, String> parts() {
    Map<String, String> parts = new TreeMap<>();
    parts.put("workflows", Integer.toString(workflows));
    List<String> entries = new ArrayList<>();
    for (MixEntry e : mix) {
      entries.add(e.kind() + " x" + e.weight() + (e.params().isEmpty() ? "" : " " + e.params()));
    }
    parts.put("mix", String.join(" + ", entries));
    parts.put("injection", injection.describe());
    parts.put("warm_up", num(warmUpS) + " s, " + warmUpWorkflows + " workflows");
    parts.put("kill_one_worker_after", killOneWorkerAfterS == null ? "never" : num(killOneWorkerAfterS) + " s");
    return parts;
  }

  /** A number without trailing zeros: 4.0 -> 4, 2.50 -> 2.5. */
  static String num(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * One part of the workflow mix.
   *
   * @param kind catalog workflow kind, e.g. {@code linear}
   * @param weight relative weight in the mix
   * @param params resolved parameters of the kind (defaults filled in)
   */
  public record MixEntry(String kind, int weight, Map<String, Integer> params) {

    /** Validates the kind and weight and sorts the parameters. */
    public MixEntry {
      if (kind == null || kind.isBlank()) {
        throw new IllegalArgumentException("workload.mix[].kind must be non-blank");
      }
      if (weight < 1) {
        throw new IllegalArgumentException("workload.mix[" + kind + "].weight must be >= 1, was " + weight);
      }
      params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
    }
  }

  /**
   * How workflows arrived.
   *
   * @param model {@code at-once}, {@code ramp}, {@code constant-rate} or {@code closed}
   * @param durationS how long arrivals lasted (0 for at-once)
   * @param rate arrivals per second ({@code constant-rate}; 0 otherwise)
   * @param concurrency workflows kept in flight ({@code closed}; 0 otherwise)
   * @param wave the offered profile of {@code ebb-and-flow} (arrival rates) and {@code backlog} (in-flight
   *     targets); null for the other models, and then not written
   */
  public record Injection(String model, double durationS, double rate, int concurrency,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      Wave wave) {

    /** An injection without a wave. */
    public Injection(String model, double durationS, double rate, int concurrency) {
      this(model, durationS, rate, concurrency, null);
    }

    /** Validates the model and the numbers. */
    public Injection {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("workload.injection.model must be non-blank");
      }
      if (!(durationS >= 0) || !(rate >= 0) || concurrency < 0) {
        throw new IllegalArgumentException("workload.injection duration_s, rate and concurrency must be >= 0, were "
            + durationS + ", " + rate + ", " + concurrency);
      }
    }

    /** e.g. {@code constant-rate 4/s for 30 s}, {@code closed 16 in flight for 60 s}, {@code at-once}. */
    String describe() {
      StringBuilder s = new StringBuilder(model);
      if (rate > 0) {
        s.append(' ').append(num(rate)).append("/s");
      }
      if (concurrency > 0) {
        s.append(' ').append(concurrency).append(" in flight");
      }
      if (wave != null) {
        s.append(' ').append(num(wave.low())).append("..").append(num(wave.high()))
            .append("backlog".equals(model) ? " in flight" : "/s").append(" every ").append(num(wave.periodS()))
            .append(" s");
      }
      if (durationS > 0) {
        s.append(String.format(Locale.ROOT, " for %s s", num(durationS)));
      }
      return s.toString();
    }
  }

  /**
   * A triangle wave the injection followed: {@code low} at the start of each period, {@code high} half a period
   * later.
   *
   * @param low arrivals per second (ebb-and-flow) or workflows in flight (backlog) at the ebb
   * @param high the same at the flood
   * @param periodS seconds of one low-high-low cycle
   */
  public record Wave(double low, double high, double periodS) {

    /** Validates {@code 0 <= low < high} and a positive period. */
    public Wave {
      if (!(low >= 0) || !(high > low) || !(periodS > 0)) {
        throw new IllegalArgumentException("workload.injection.wave needs 0 <= low < high and period_s > 0, was "
            + low + ", " + high + ", " + periodS);
      }
    }
  }
}
