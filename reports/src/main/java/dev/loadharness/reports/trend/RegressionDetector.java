package dev.loadharness.reports.trend;

import dev.loadharness.reports.jmh.JmhResult;
import dev.loadharness.reports.record.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applies a {@link RegressionRule} to every key metric of a run, or to every score of a JMH result set. */
public final class RegressionDetector {

  private final RegressionRule rule;

  /** Creates a detector with {@code rule}. */
  public RegressionDetector(RegressionRule rule) {
    this.rule = rule;
  }

  /** The rule applied. */
  public RegressionRule rule() {
    return rule;
  }

  /**
   * Judges {@code current} against earlier like runs (same {@link TrendKey}).
   *
   * @param earlier earlier runs, oldest first; the rule uses the most recent K
   */
  public RegressionReport check(RunRecord current, List<RunRecord> earlier) {
    List<Finding> findings = new ArrayList<>();
    for (TrendMetric metric : TrendMetric.KEY_METRICS) {
      Double now = metric.read(current);
      if (now == null) {
        continue;
      }
      List<Double> history = earlier.stream().map(metric::read).collect(Collectors.toList());
      findings.add(rule.judge(metric.name(), metric.direction(), metric.tolerance(), history, now));
    }
    return new RegressionReport(current.runId(), findings);
  }

  /**
   * Judges each benchmark score of {@code current} against the same benchmark (and parameters) in earlier
   * result sets; the good direction follows the unit (ops/time is higher-better, time/op lower-better).
   *
   * @param subject name of the current result set for the report
   * @param earlier earlier result sets, oldest first
   */
  public RegressionReport checkJmh(String subject, List<JmhResult> current, List<List<JmhResult>> earlier) {
    List<Map<String, JmhResult>> byKey = earlier.stream()
        .map(set -> set.stream().collect(Collectors.toMap(JmhResult::key, Function.identity(), (a, b) -> b)))
        .toList();
    List<Finding> findings = new ArrayList<>();
    for (JmhResult result : current) {
      List<Double> history = new ArrayList<>();
      for (Map<String, JmhResult> set : byKey) {
        JmhResult old = set.get(result.key());
        history.add(old == null || !old.primaryMetric().scoreUnit().equals(result.primaryMetric().scoreUnit())
            ? null : old.primaryMetric().score());
      }
      Direction direction = result.primaryMetric().higherIsBetter()
          ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
      findings.add(rule.judge(result.key(), direction, TrendMetric.JMH_TOLERANCE, history, result.primaryMetric().score()));
    }
    return new RegressionReport(subject, findings);
  }
}
