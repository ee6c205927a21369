package dev.loadharness.scenarios.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loadharness.reports.record.Threshold;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gate limits measured, not guessed: for one scenario on one server kind and machine class, each
 * calibrated metric's distribution over many unchanged runs and the limit derived from it. The spec's own
 * thresholds stay as floors; the calibrated bars are added beside them by the judge. Written by
 * {@code scripts/calibrate} (into {@code scenarios/src/main/resources/calibration/}) and read here.
 *
 * <p>The rule, per metric (lower-is-better latencies; mirrored for throughput and the sticky ratio):
 * {@code limit = max(worst * w, median * m, median + 5 ms)}, with {@code w = 1.15, m = 1.35} for tails,
 * schedule-to-start, duration, throughput and the sticky ratio. Why: the worst of N unchanged runs times a
 * margin keeps false alarms rare when N is about 20 (a new run exceeds the worst of 20 with probability
 * 1/21, and must then also clear the margin); the median-relative floor keeps a tight distribution from
 * producing a hair-trigger; a 2x slowdown of what dominates the metric lands far above 1.35x the median.
 * The absolute 5 ms keeps millisecond-scale metrics from flagging scheduling jitter.
 *
 * <p>End-to-end p50 gets the tighter {@code w = 1.10, m = 1.20}: it is the bar that sees a cost added to
 * every workflow task when slots never queue: +50 ms per task moved worker-load-128's median by about +40%
 * and its p95 by only +15%, less than the tail margins. The tighter margins still hold the median's own
 * spread: over 20 unchanged runs its worst was 1.06x its median, and 1.11x over the 20 unchanged runs of
 * the sensitivity measurement that followed (docs/load-suite.md, "Calibrated gates").
 *
 * @param scenario scenario name
 * @param serverKind server kind the runs used
 * @param cpus processors of the machine the runs used (limits hold only for that machine class)
 * @param date when the calibration ran (ISO-8601)
 * @param runs how many runs the distributions hold
 * @param bars per metric id: the limit and the distribution it came from
 */
public record Calibration(String scenario, String serverKind, int cpus, String date, int runs,
    Map<String, Bar> bars) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The metrics calibrated, each with the direction that is worse and its margins. */
  public static final Map<Metric, Rule> CALIBRATED = Map.of(
      Metric.END_TO_END_P50_MS, new Rule(Threshold.Op.LT, 1.10, 1.20),
      Metric.END_TO_END_P95_MS, Rule.upper(),
      Metric.END_TO_END_P99_MS, Rule.upper(),
      Metric.WORKFLOW_TASK_SCHEDULE_TO_START_P95_MS, Rule.upper(),
      Metric.ACTIVITY_SCHEDULE_TO_START_P95_MS, Rule.upper(),
      Metric.DURATION_S, Rule.upper(),
      Metric.THROUGHPUT_WPS, Rule.lower(),
      Metric.STICKY_HIT_RATIO, Rule.lower());

  /**
   * How one metric's limit is derived from its runs.
   *
   * @param op the direction that passes: {@code <} for latencies, {@code >} for rates and ratios
   * @param worstMargin factor beyond the worst run (above it for {@code <}, divided below it for {@code >})
   * @param medianMargin factor beyond the median, the floor under a tight distribution
   */
  public record Rule(Threshold.Op op, double worstMargin, double medianMargin) {
    public Rule {
      if (op != Threshold.Op.LT && op != Threshold.Op.GT) {
        throw new IllegalArgumentException("a calibrated rule is < or >, got " + op.symbol());
      }
      if (!(worstMargin >= 1 && medianMargin >= 1)) {
        throw new IllegalArgumentException("calibration margins must be >= 1, got " + worstMargin + " and "
            + medianMargin);
      }
    }

    static Rule upper() {
      return new Rule(Threshold.Op.LT, 1.15, 1.35);
    }

    static Rule lower() {
      return new Rule(Threshold.Op.GT, 1.15, 1.35);
    }

    /** The limit for runs with this median and worst value; {@code slack} is an absolute floor above the median. */
    double limit(double median, double worst, double slack) {
      return op == Threshold.Op.LT
          ? Math.max(Math.max(worst * worstMargin, median * medianMargin), median + slack)
          : Math.min(worst / worstMargin, median / medianMargin);
    }
  }

  /**
   * One calibrated bar.
   *
   * @param op {@code <} or {@code >}
   * @param limit the derived limit
   * @param median the median of the runs
   * @param worst the worst run (largest for {@code <}, smallest for {@code >})
   * @param samples every run's value, in run order
   */
  public record Bar(String op, double limit, double median, double worst, List<Double> samples) {}

  /** Derives the bars from each run's measured values (metric id to value per run). */
  public static Calibration derive(String scenario, String serverKind, int cpus, String date,
      List<Map<Metric, Double>> perRun) {
    Map<String, Bar> bars = new LinkedHashMap<>();
    CALIBRATED.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Metric::id)))
        .forEach(e -> {
          List<Double> samples = perRun.stream().map(r -> r.get(e.getKey())).filter(v -> v != null).toList();
          if (samples.size() < 3) {
            return; // too few runs measured it to say anything about its spread
          }
          List<Double> sorted = new ArrayList<>(samples);
          sorted.sort(Double::compare);
          double median = sorted.get(sorted.size() / 2);
          Rule rule = e.getValue();
          double worst = rule.op() == Threshold.Op.LT ? sorted.get(sorted.size() - 1) : sorted.get(0);
          double slack = e.getKey().id().endsWith("_ms") ? 5 : 0;
          double limit = rule.limit(median, worst, slack);
          if (e.getKey() == Metric.STICKY_HIT_RATIO) {
            limit = Math.min(limit, 0.99); // a ratio of 1 in every run would otherwise demand 1
          }
          bars.put(e.getKey().id(), new Bar(rule.op().symbol(), round(limit), median, worst, samples));
        });
    return new Calibration(scenario, serverKind, cpus, date, perRun.size(), bars);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The bars as thresholds of a spec, to be evaluated like the spec's own. */
  public List<ThresholdSpec> thresholds() {
    List<ThresholdSpec> list = new ArrayList<>();
    bars.forEach((id, bar) -> list.add(new ThresholdSpec(Metric.of(id).orElseThrow(),
        Threshold.Op.of(bar.op()).orElseThrow(), bar.limit())));
    return list;
  }

  /** The resource path of a calibration. */
  public static String resource(String scenario, String serverKind) {
    return "calibration/" + scenario + "/" + serverKind + ".json";
  }

  /** The committed calibration for {@code scenario} on {@code serverKind}, if there is one. */
  public static Optional<Calibration> load(String scenario, String serverKind) {
    try (InputStream in = Calibration.class.getClassLoader().getResourceAsStream(resource(scenario, serverKind))) {
      return in == null ? Optional.empty() : Optional.of(JSON.readValue(in, Calibration.class));
    } catch (IOException e) {
      throw new UncheckedIOException("calibration " + resource(scenario, serverKind) + " is unreadable: "
          + e.getMessage(), e);
    }
  }

  /** Writes this calibration as {@code <dir>/<scenario>/<server kind>.json}; returns the file. */
  public Path write(Path dir) {
    Path file = dir.resolve(resource(scenario, serverKind).substring("calibration/".length()));
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
