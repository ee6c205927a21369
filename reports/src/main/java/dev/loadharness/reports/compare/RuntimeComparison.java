package dev.loadharness.reports.compare;

import dev.loadharness.reports.record.Verdict;
import dev.loadharness.reports.trend.Direction;
import dev.loadharness.reports.trend.TrendMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Worker runtime settings compared over interleaved rounds of one scenario against one server.
 *
 * <p>Why paired ratios: on a shared machine, background load moves absolute latencies by several times
 * between minutes, far more than the settings differ. Every setting runs once per round, back to back, so
 * the candidate's value divided by the baseline's value <em>of the same round</em> cancels most of that
 * drift; the median of those per-round ratios is the headline, and the spread of the medians is shown
 * next to it so a reader can judge the noise.
 *
 * @param scenario the scenario every run used
 * @param serverKind the server every run talked to
 * @param candidate the setting under test (normally {@code adaptive})
 * @param settings every setting, in the order first run
 * @param rounds rounds run
 * @param summaries per setting: runs, passes and per-metric medians
 * @param verdicts the candidate against the best baseline setting on each headline metric
 * @param overhead the candidate's worker CPU per workflow against {@value #PLAIN_SDK}'s, when both ran; else null
 */
public record RuntimeComparison(
    String scenario,
    String serverKind,
    String candidate,
    List<String> settings,
    int rounds,
    List<SettingSummary> summaries,
    List<MetricVerdict> verdicts,
    Overhead overhead) {

  /** Changes smaller than this share of the baseline count as equal: the round-to-round noise of a quiet run. */
  public static final double EQUAL_WITHIN = 0.10;

  /** The rule {@link Outcome} follows, in the words the comparison's and the grid's tables print under them. */
  public static final String OUTCOME_RULE = String.format(Locale.ROOT,
      "within ±%1$.0f%% is equal; better or worse only when every round's ratio is beyond ±%1$.0f%% on that side, "
          + "else inconclusive", EQUAL_WITHIN * 100);

  private static final String THROUGHPUT = "throughput_wps";

  /** The metrics the table shows, by {@link TrendMetric} name. */
  public static final List<String> TABLE_METRICS = List.of("throughput_wps", "end_to_end_p95_ms",
      "workflow_schedule_to_start_p95_ms", "activity_schedule_to_start_p95_ms", "poll_p95_ms", "sticky_hit_ratio",
      "worker_cpu_percent_avg", "worker_cpu_ms_per_workflow", "worker_cpu_ms_per_workflow_without_jit");

  /** The metrics the candidate is judged on (the bar: throughput and schedule-to-start p95). */
  public static final List<String> HEADLINE_METRICS = List.of("throughput_wps",
      "workflow_schedule_to_start_p95_ms", "activity_schedule_to_start_p95_ms");

  /** The setting that is the SDK's own worker with no harness hooks: the baseline of {@link Overhead}. */
  public static final String PLAIN_SDK = "plain-sdk";

  /** The most worker CPU per workflow the runtime may spend over the plain SDK worker (issue 14: 5%). */
  public static final double OVERHEAD_LIMIT = 1.05;

  public RuntimeComparison {
    settings = List.copyOf(settings);
    summaries = List.copyOf(summaries);
    verdicts = List.copyOf(verdicts);
  }

  /**
   * Per setting: how many runs, how many passed their scenario's thresholds, and each table metric's
   * median and range over rounds.
   */
  public record SettingSummary(String setting, int runs, int passed, Map<String, Stat> metrics) {
    public SettingSummary {
      metrics = Map.copyOf(metrics);
    }

    /** The statistic of {@code metric}, when any run recorded it. */
    public Optional<Stat> stat(String metric) {
      return Optional.ofNullable(metrics.get(metric));
    }
  }

  /**
   * How the candidate compares on one metric. {@code INCONCLUSIVE}: the median ratio lies beyond
   * {@link #EQUAL_WITHIN} but some round's paired ratio does not (within it, or on the other side), so the
   * difference is not beyond the rounds' noise; one more round or a quieter machine decides it.
   */
  public enum Outcome { BETTER, EQUAL, WORSE, INCONCLUSIVE, NO_DATA }

  /**
   * The candidate against the best baseline setting (best median) on one metric; for a latency, the best among
   * the settings that kept up (throughput within {@link #EQUAL_WITHIN} of the best other's).
   *
   * @param ratio candidate / baseline per round, over the rounds where both have a value; null without any
   */
  public record MetricVerdict(String metric, String baseline, Stat ratio, Outcome outcome) {

    /** The paired ratio, when some round had values for both settings. */
    public Optional<Stat> pairedRatio() {
      return Optional.ofNullable(ratio);
    }
  }

  /**
   * The runtime's own cost: the candidate's worker CPU per completed workflow divided by {@value #PLAIN_SDK}'s,
   * paired within each round, with and without the JIT compiler threads' CPU. The bar is judged without them
   * where the workers reported them: a fresh JVM spends up to two thirds of its first minute compiling, a cost
   * paid once per process whose size moves by more than the bar from run to run of one setting (runtime.md), so
   * only the rest is the per-workflow cost of exact metrics, interceptors and controller.
   *
   * @param ratio median and range of the per-round ratios of all worker CPU
   * @param withoutJit the same without the compiler threads' CPU; null when a worker did not report it
   * @param limit the bar, {@link #OVERHEAD_LIMIT}
   * @param within whether the judged ratio's median ({@code withoutJit} when known, else {@code ratio}) is at
   *     most {@code limit}
   */
  public record Overhead(String candidate, Stat ratio, Stat withoutJit, double limit, boolean within) {

    /** The overhead with {@code within} judged on {@code withoutJit} when known, else on {@code ratio}. */
    static Overhead judge(String candidate, Stat ratio, Stat withoutJit, double limit) {
      Stat judged = withoutJit != null ? withoutJit : ratio;
      return new Overhead(candidate, ratio, withoutJit, limit, judged.median() <= limit);
    }
  }

  /** Builds the comparison of {@code runs} (any order), judging {@code candidate} against every other setting. */
  public static RuntimeComparison of(List<ComparedRun> runs, String candidate) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one run");
    }
    Set<String> settings = new LinkedHashSet<>();
    runs.forEach(run -> settings.add(run.setting()));
    int rounds = runs.stream().mapToInt(ComparedRun::round).max().orElse(0);
    List<SettingSummary> summaries = new ArrayList<>();
    for (String setting : settings) {
      List<ComparedRun> own = runs.stream().filter(r -> r.setting().equals(setting)).toList();
      Map<String, Stat> stats = new LinkedHashMap<>();
      for (String name : TABLE_METRICS) {
        TrendMetric metric = metric(name);
        List<Double> values = own.stream().map(r -> metric.read(r.record())).filter(v -> v != null).toList();
        Stat.of(values).ifPresent(stat -> stats.put(name, stat));
      }
      int passed = (int) own.stream().filter(r -> r.record().verdict() == Verdict.PASS).count();
      summaries.add(new SettingSummary(setting, own.size(), passed, stats));
    }
    List<MetricVerdict> verdicts = new ArrayList<>();
    if (settings.contains(candidate) && settings.size() > 1) {
      for (String name : HEADLINE_METRICS) {
        verdicts.add(verdict(metric(name), candidate, summaries, runs, rounds));
      }
    }
    String first = runs.get(0).record().scenario();
    String server = runs.get(0).record().environment().serverKind();
    Overhead overhead = null;
    if (settings.contains(candidate) && settings.contains(PLAIN_SDK) && !candidate.equals(PLAIN_SDK)) {
      Stat withoutJit = pairedRatio(runs, rounds, candidate, PLAIN_SDK, metric("worker_cpu_ms_per_workflow_without_jit"))
          .orElse(null);
      overhead = pairedRatio(runs, rounds, candidate, PLAIN_SDK, metric("worker_cpu_ms_per_workflow"))
          .map(r -> Overhead.judge(candidate, r, withoutJit, OVERHEAD_LIMIT)).orElse(null);
    }
    return new RuntimeComparison(first, server, candidate, List.copyOf(settings), rounds, summaries, verdicts,
        overhead);
  }

  /** {@code candidate / baseline} on {@code metric} per round where both have a non-zero value. */
  private static Optional<Stat> pairedRatio(List<ComparedRun> runs, int rounds, String candidate, String baseline,
      TrendMetric metric) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Double c = value(runs, round, candidate, metric);
      Double b = value(runs, round, baseline, metric);
      if (c != null && b != null && b != 0) {
        ratios.add(c / b);
      }
    }
    return Stat.of(ratios);
  }

  /** The overhead against {@value #PLAIN_SDK}, when the candidate and it both ran with CPU per workflow. */
  public Optional<Overhead> overheadAgainstPlainSdk() {
    return Optional.ofNullable(overhead);
  }

  /** The summary of {@code setting}. */
  public Optional<SettingSummary> summary(String setting) {
    return summaries.stream().filter(s -> s.setting().equals(setting)).findFirst();
  }

  private static MetricVerdict verdict(TrendMetric metric, String candidate, List<SettingSummary> summaries,
      List<ComparedRun> runs, int rounds) {
    Optional<SettingSummary> best = summaries.stream()
        .filter(s -> !s.setting().equals(candidate) && s.stat(metric.name()).isPresent())
        .filter(s -> metric.name().equals(THROUGHPUT) || competitive(s, candidate, summaries))
        .min((a, b) -> Double.compare(badness(metric, a), badness(metric, b)));
    if (best.isEmpty()) {
      return new MetricVerdict(metric.name(), "", null, Outcome.NO_DATA);
    }
    String baseline = best.get().setting();
    List<Double> ratios = new ArrayList<>();
    List<Double> differences = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Double c = value(runs, round, candidate, metric);
      Double b = value(runs, round, baseline, metric);
      if (c != null && b != null && b != 0) {
        ratios.add(c / b);
        differences.add(metric.direction().worsening(b, c));
      }
    }
    Optional<Stat> ratio = Stat.of(ratios);
    if (ratio.isEmpty()) {
      return new MetricVerdict(metric.name(), baseline, null, Outcome.NO_DATA);
    }
    Outcome outcome = outcome(metric, ratio.get().median(), Stat.of(differences).orElseThrow().median());
    if (outcome == Outcome.WORSE || outcome == Outcome.BETTER) {
      // Beyond noise only when every round says so: a median of 2.25x whose rounds were 0.99x and 3.52x is
      // one round's finding, not the setting's.
      for (int i = 0; i < ratios.size(); i++) {
        if (outcome(metric, ratios.get(i), differences.get(i)) != outcome) {
          outcome = Outcome.INCONCLUSIVE;
          break;
        }
      }
    }
    return new MetricVerdict(metric.name(), baseline, ratio.get(), outcome);
  }

  /** One ratio and its worsening (candidate's excess over the baseline, in the metric's unit) judged alone. */
  private static Outcome outcome(TrendMetric metric, double ratio, double worsening) {
    if (Math.abs(ratio - 1) <= EQUAL_WITHIN || Math.abs(worsening) <= metric.absoluteFloor()) {
      return Outcome.EQUAL;
    }
    return worsening > 0 ? Outcome.WORSE : Outcome.BETTER;
  }

  /**
   * Whether {@code s} kept up: its throughput within {@link #EQUAL_WITHIN} of the best other setting's. A latency
   * is judged only against settings that kept up, because a setting can keep its schedule-to-start low by
   * admitting less work: in the adaptive grid's b50-l150 cell the SDK's resource-based tuner completed 0.6 wf/s
   * where the others did 7.5, with the lowest workflow-task schedule-to-start of all (47 ms) and activities
   * waiting 88 s. Settings without a throughput figure are kept.
   */
  private static boolean competitive(SettingSummary s, String candidate, List<SettingSummary> summaries) {
    Optional<Stat> own = s.stat(THROUGHPUT);
    double best = summaries.stream().filter(o -> !o.setting().equals(candidate))
        .flatMap(o -> o.stat(THROUGHPUT).stream()).mapToDouble(Stat::median).max().orElse(Double.NaN);
    return own.isEmpty() || Double.isNaN(best) || own.get().median() >= (1 - EQUAL_WITHIN) * best;
  }

  /** Lower is better: the median oriented so the best setting has the smallest value. */
  private static double badness(TrendMetric metric, SettingSummary summary) {
    double median = summary.stat(metric.name()).orElseThrow().median();
    return metric.direction() == Direction.LOWER_IS_BETTER ? median : -median;
  }

  private static Double value(List<ComparedRun> runs, int round, String setting, TrendMetric metric) {
    return runs.stream()
        .filter(r -> r.round() == round && r.setting().equals(setting))
        .map(r -> metric.read(r.record()))
        .filter(v -> v != null)
        .findFirst().orElse(null);
  }

  /** The trend metric named {@code name}. */
  public static TrendMetric metric(String name) {
    return TrendMetric.KEY_METRICS.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no trend metric named " + name));
  }
}
