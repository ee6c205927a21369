package dev.loadharness.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadharness.reports.compare.RuntimeComparison.MetricVerdict;
import dev.loadharness.reports.compare.RuntimeComparison.Outcome;
import dev.loadharness.reports.record.Environment;
import dev.loadharness.reports.record.LatencySummary;
import dev.loadharness.reports.record.LoadSummary;
import dev.loadharness.reports.record.Resources;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.StickyCache;
import dev.loadharness.reports.record.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Medians per setting, the best baseline per metric, and paired-ratio verdicts that cancel round drift. */
class RuntimeComparisonTest {

  @Test
  void pairedRatiosCancelDriftThatWouldHideTheDifference() {
    // Round 2 is 3x slower for everyone (a noisy neighbour); adaptive is 0.5x of fixed in every round.
    List<ComparedRun> runs = new ArrayList<>();
    double[] drift = {1.0, 3.0, 1.2};
    for (int round = 1; round <= 3; round++) {
      double d = drift[round - 1];
      runs.add(run(round, "fixed", 10.0, 100 * d, 40 * d, Verdict.PASS));
      runs.add(run(round, "sdk-resource-based", 9.0, 200 * d, 30 * d, Verdict.PASS));
      runs.add(run(round, "adaptive", 10.5, 50 * d, 30 * d, Verdict.PASS));
    }

    RuntimeComparison c = RuntimeComparison.of(runs, "adaptive");

    assertThat(c.settings()).containsExactly("fixed", "sdk-resource-based", "adaptive");
    assertThat(c.rounds()).isEqualTo(3);
    assertThat(c.summary("fixed").orElseThrow().stat("workflow_schedule_to_start_p95_ms").orElseThrow().median())
        .isEqualTo(120.0);
    MetricVerdict wft = verdict(c, "workflow_schedule_to_start_p95_ms");
    assertThat(wft.baseline()).isEqualTo("fixed");
    assertThat(wft.pairedRatio().orElseThrow().median()).isCloseTo(0.5, within(1e-9));
    assertThat(wft.pairedRatio().orElseThrow().max()).isCloseTo(0.5, within(1e-9));
    assertThat(wft.outcome()).isEqualTo(Outcome.BETTER);
    MetricVerdict act = verdict(c, "activity_schedule_to_start_p95_ms");
    assertThat(act.baseline()).isEqualTo("sdk-resource-based");
    assertThat(act.outcome()).isEqualTo(Outcome.EQUAL);
    MetricVerdict throughput = verdict(c, "throughput_wps");
    assertThat(throughput.baseline()).isEqualTo("fixed");
    assertThat(throughput.pairedRatio().orElseThrow().median()).isCloseTo(1.05, within(1e-9));
    assertThat(throughput.outcome()).isEqualTo(Outcome.EQUAL);
  }

  @Test
  void aCandidateWorseBeyondTheToleranceIsWorseAndFailedRunsAreCounted() {
    List<ComparedRun> runs = List.of(
        run(1, "fixed", 10.0, 100, 40, Verdict.PASS),
        run(1, "adaptive", 8.0, 300, 40, Verdict.FAIL),
        run(2, "adaptive", 8.0, 300, 40, Verdict.PASS),
        run(2, "fixed", 10.0, 100, 40, Verdict.PASS));

    RuntimeComparison c = RuntimeComparison.of(runs, "adaptive");

    assertThat(verdict(c, "throughput_wps").outcome()).isEqualTo(Outcome.WORSE);
    assertThat(verdict(c, "workflow_schedule_to_start_p95_ms").outcome()).isEqualTo(Outcome.WORSE);
    assertThat(c.summary("adaptive").orElseThrow().passed()).isEqualTo(1);
    assertThat(c.summary("adaptive").orElseThrow().runs()).isEqualTo(2);
  }

  @Test
  void aMedianBeyondTheToleranceIsInconclusiveWhenARoundDisagrees() {
    // The grid's b25-l150 cell, 2026-12-05: workflow-task schedule-to-start 0.99x in one round, 3.52x in the other.
    List<ComparedRun> runs = List.of(
        run(1, "fixed", 8.0, 863, 4000, Verdict.PASS),
        run(1, "adaptive", 7.9, 854, 4000, Verdict.PASS),
        run(2, "adaptive", 7.4, 2728, 4000, Verdict.PASS),
        run(2, "fixed", 8.0, 775, 4000, Verdict.PASS),
        run(3, "fixed", 8.0, 800, 4000, Verdict.PASS),
        run(3, "adaptive", 7.6, 2000, 4000, Verdict.PASS));

    MetricVerdict wft = verdict(RuntimeComparison.of(runs, "adaptive"), "workflow_schedule_to_start_p95_ms");

    assertThat(wft.ratio().median()).isGreaterThan(1 + RuntimeComparison.EQUAL_WITHIN);
    assertThat(wft.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    // The same rounds without the one that disagrees are worse in every round.
    assertThat(verdict(RuntimeComparison.of(runs.subList(2, 6), "adaptive"), "workflow_schedule_to_start_p95_ms")
        .outcome()).isEqualTo(Outcome.WORSE);
  }

  @Test
  void differencesBelowTheMetricFloorAreEqualEvenWhenTheRatioIsLarge() {
    // 0.2 ms against 0.4 ms is a 2x ratio but below the 0.5 ms latency floor: noise, not a finding.
    List<ComparedRun> runs = List.of(
        run(1, "fixed", 10.0, 0.4, 40, Verdict.PASS),
        run(1, "adaptive", 10.0, 0.2, 40, Verdict.PASS));

    assertThat(verdict(RuntimeComparison.of(runs, "adaptive"), "workflow_schedule_to_start_p95_ms").outcome())
        .isEqualTo(Outcome.EQUAL);
  }

  @Test
  void withoutTheCandidateThereAreNoVerdictsButTheTableStands() {
    RuntimeComparison c = RuntimeComparison.of(List.of(run(1, "fixed", 10.0, 100, 40, Verdict.PASS)), "adaptive");

    assertThat(c.verdicts()).isEmpty();
    String md = ComparisonMarkdown.render(c, List.of(run(1, "fixed", 10.0, 100, 40, Verdict.PASS)));
    assertThat(md).contains("| fixed | 1/1 | 10.0 |").contains("[report](fixed-1/report.html)");
  }

  @Test
  void theMarkdownShowsMediansRangesAndOutcomes() {
    List<ComparedRun> runs = List.of(
        run(1, "fixed", 10.0, 100, 40, Verdict.PASS),
        run(1, "adaptive", 12.0, 40, 40, Verdict.PASS),
        run(2, "adaptive", 14.0, 60, 40, Verdict.PASS),
        run(2, "fixed", 10.0, 100, 40, Verdict.PASS));

    String md = ComparisonMarkdown.render(RuntimeComparison.of(runs, "adaptive"), runs);

    assertThat(md).contains("| adaptive (candidate) | 2/2 | 13.0 (12.0–14.0) |")
        .contains("| throughput (wf/s) | fixed | 1.30x (1.20–1.40) | better |")
        .contains("| workflow task schedule-to-start p95 (ms) | fixed | 0.50x (0.40–0.60) | better |");
  }

  @Test
  void aLatencyIsJudgedOnlyAgainstSettingsThatKeptUp() {
    // The grid's b50-l150 cell: resource-based admits so little work that its workflow tasks never wait.
    List<ComparedRun> runs = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      runs.add(run(round, "fixed", 7.5, 345, 2731, Verdict.PASS));
      runs.add(run(round, "sdk-resource-based", 0.6, 47, 87949, Verdict.FAIL));
      runs.add(run(round, "sdk-poller-autoscaling", 7.6, 1518, 984, Verdict.PASS));
      runs.add(run(round, "adaptive", 7.5, 391, 2750, Verdict.PASS));
    }

    RuntimeComparison c = RuntimeComparison.of(runs, "adaptive");

    MetricVerdict wft = verdict(c, "workflow_schedule_to_start_p95_ms");
    assertThat(wft.baseline()).isEqualTo("fixed");
    assertThat(wft.outcome()).isEqualTo(Outcome.WORSE);
    assertThat(verdict(c, "activity_schedule_to_start_p95_ms").baseline()).isEqualTo("sdk-poller-autoscaling");
    assertThat(verdict(c, "throughput_wps").baseline()).isEqualTo("sdk-poller-autoscaling");
    // A setting 12% below the best does not keep up; one 9% below does.
    List<ComparedRun> close = new ArrayList<>(runs);
    close.add(run(1, "slow-but-close", 6.9, 10, 10, Verdict.PASS));
    close.add(run(2, "slow-but-close", 6.9, 10, 10, Verdict.PASS));
    assertThat(verdict(RuntimeComparison.of(close, "adaptive"), "workflow_schedule_to_start_p95_ms").baseline())
        .isEqualTo("slow-but-close");
    List<ComparedRun> behind = new ArrayList<>(runs);
    behind.add(run(1, "behind", 6.7, 10, 10, Verdict.PASS));
    behind.add(run(2, "behind", 6.7, 10, 10, Verdict.PASS));
    assertThat(verdict(RuntimeComparison.of(behind, "adaptive"), "workflow_schedule_to_start_p95_ms").baseline())
        .isEqualTo("fixed");
  }

  private static MetricVerdict verdict(RuntimeComparison c, String metric) {
    return c.verdicts().stream().filter(v -> v.metric().equals(metric)).findFirst().orElseThrow();
  }

  @Test
  void theOverheadIsTheCandidatesCpuPerWorkflowOverPlainSdkPairedWithinEachRound() {
    // Round 2 costs everyone 2x (contention); adaptive spends 1.03x, 1.04x and 1.10x of plain-sdk's CPU.
    double[] plain = {3.0, 6.0, 3.2};
    double[] adaptive = {3.09, 6.24, 3.52};
    List<ComparedRun> runs = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      runs.add(withCpu(run(round, "plain-sdk", 20.0, 50, 20, Verdict.PASS), plain[round - 1]));
      runs.add(withCpu(run(round, "adaptive", 20.0, 50, 20, Verdict.PASS), adaptive[round - 1]));
    }

    RuntimeComparison.Overhead o = RuntimeComparison.of(runs, "adaptive").overheadAgainstPlainSdk().orElseThrow();

    assertThat(o.ratio().median()).isCloseTo(1.04, within(1e-9));
    assertThat(o.ratio().min()).isCloseTo(1.03, within(1e-9));
    assertThat(o.ratio().max()).isCloseTo(1.10, within(1e-9));
    assertThat(o.within()).isTrue();
    assertThat(ComparisonMarkdown.render(RuntimeComparison.of(runs, "adaptive"), runs))
        .contains("| worker CPU per workflow (ms) |")
        .contains("Runtime overhead: adaptive / plain-sdk worker CPU per completed workflow, paired within each "
            + "round: 1.040x (1.030–1.100 over 3 round(s)); bar <= 1.05x: within.");
  }

  @Test
  void theBarIsJudgedWithoutTheCompilerThreadsWhenTheWorkersReportThem() {
    // Adaptive compiled more in round 1 (start-up); without the compilers it is 1.02x and 1.04x of plain-sdk.
    List<ComparedRun> runs = List.of(
        withCpu(run(1, "plain-sdk", 20.0, 50, 20, Verdict.PASS), 20.0, 10.0),
        withCpu(run(1, "adaptive", 20.0, 50, 20, Verdict.PASS), 25.2, 15.0),
        withCpu(run(2, "plain-sdk", 20.0, 50, 20, Verdict.PASS), 20.0, 10.0),
        withCpu(run(2, "adaptive", 20.0, 50, 20, Verdict.PASS), 20.4, 10.0));

    RuntimeComparison.Overhead o = RuntimeComparison.of(runs, "adaptive").overheadAgainstPlainSdk().orElseThrow();

    assertThat(o.ratio().max()).isCloseTo(1.26, within(1e-9));
    assertThat(o.withoutJit().min()).isCloseTo(1.02, within(1e-9));
    assertThat(o.withoutJit().max()).isCloseTo(1.04, within(1e-9));
    assertThat(o.within()).isTrue();
    assertThat(ComparisonMarkdown.render(RuntimeComparison.of(runs, "adaptive"), runs))
        .contains("| worker CPU per workflow without JIT (ms) |")
        .contains("without the JIT compiler threads (start-up, paid once per process), paired within each round: "
            + "1.030x (1.020–1.040 over 2 round(s)); bar <= 1.05x: within. With them: 1.140x (1.020–1.260 over 2 "
            + "round(s)).");

    // The same runs 6% above plain-sdk without the compilers: the bar is breached, whatever the total says.
    List<ComparedRun> above = List.of(runs.get(0), withCpu(run(1, "adaptive", 20.0, 50, 20, Verdict.PASS), 20.6, 10.0));
    assertThat(RuntimeComparison.of(above, "adaptive").overheadAgainstPlainSdk().orElseThrow().within()).isFalse();
  }

  @Test
  void anOverheadAboveTheBarIsReportedAboveAndNoneWithoutPlainSdk() {
    List<ComparedRun> runs = List.of(
        withCpu(run(1, "plain-sdk", 20.0, 50, 20, Verdict.PASS), 3.0),
        withCpu(run(1, "adaptive", 20.0, 50, 20, Verdict.PASS), 3.3),
        withCpu(run(1, "fixed", 20.0, 50, 20, Verdict.PASS), 3.1));

    RuntimeComparison c = RuntimeComparison.of(runs, "adaptive");

    assertThat(c.overheadAgainstPlainSdk().orElseThrow().within()).isFalse();
    assertThat(ComparisonMarkdown.render(c, runs)).contains("1.100x (1.100–1.100 over 1 round(s)); bar <= 1.05x: ABOVE.");
    assertThat(RuntimeComparison.of(runs.subList(1, 3), "adaptive").overheadAgainstPlainSdk()).isEmpty();
    // A record without the figure (older runs, external fleets) gives no ratio rather than a made-up one.
    assertThat(RuntimeComparison.of(List.of(run(1, "plain-sdk", 20.0, 50, 20, Verdict.PASS), runs.get(1)), "adaptive")
        .overheadAgainstPlainSdk()).isEmpty();
  }

  private static ComparedRun withCpu(ComparedRun run, double cpuMsPerWorkflow) {
    return new ComparedRun(run.round(), run.setting(), run.record().toBuilder()
        .resources(new Resources(30, 40, 1L << 26, 10, 2, cpuMsPerWorkflow, null)).build());
  }

  private static ComparedRun withCpu(ComparedRun run, double cpuMsPerWorkflow, double jitMsPerWorkflow) {
    return new ComparedRun(run.round(), run.setting(), run.record().toBuilder()
        .resources(new Resources(30, 40, 1L << 26, 10, 2, cpuMsPerWorkflow, jitMsPerWorkflow)).build());
  }

  static ComparedRun run(int round, String setting, double throughput, double wftP95, double actP95,
      Verdict verdict) {
    long completed = Math.round(throughput * 10);
    RunRecord record = RunRecord.builder()
        .runId(setting + "-" + round)
        .scenario("worker-load-128")
        .startedAt(Instant.parse("2026-11-23T05:00:00Z").plusSeconds(round * 100L))
        .environment(new Environment("dev-server", "1.32.0", "17", 2, 1L << 30, "host"))
        .runtime(Map.of("mode", setting))
        .load(new LoadSummary(completed, completed, 0, 0, 0, 10.0, throughput))
        .latency(RunRecord.LATENCY_WORKFLOW_SCHEDULE_TO_START, flat(wftP95))
        .latency(RunRecord.LATENCY_ACTIVITY_SCHEDULE_TO_START, flat(actP95))
        .sticky(StickyCache.of(90, 10))
        .verdict(verdict)
        .build();
    return new ComparedRun(round, setting, record);
  }

  private static LatencySummary flat(double p95) {
    return new LatencySummary(100, p95 / 2, p95 * 0.9, p95, p95, p95, null, null);
  }
}
