package dev.loadharness.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.fixtures.CompareRuns;
import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return ReportCommand.run(args, Map.of(), dir.resolve("home").toString(), new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  Path copyFixture(String relative, String name) throws IOException {
    Path target = dir.resolve("runs").resolve(name);
    Files.createDirectories(target);
    Files.copy(Fixtures.root().resolve(relative).resolve("run.json"), target.resolve("run.json"));
    return target;
  }

  @Test
  void rendersGoodRunsAndNamesTheBadOnesWithExitTwo() throws IOException {
    Path good = copyFixture("runs/" + Fixtures.runId(0), "good");
    Path unknown = copyFixture("bad/unknown-schema", "unknown");
    Path truncated = copyFixture("bad/truncated", "truncated");
    int code = run(unknown.toString(), good.toString(), truncated.toString());
    assertThat(code).isEqualTo(2);
    assertThat(good.resolve("report.html")).exists();
    assertThat(err.toString()).contains(unknown.resolve("run.json") + ": unsupported run record schema 99")
        .contains(truncated.resolve("run.json") + ": not valid JSON");
    assertThat(out.toString()).contains("run report: " + good.resolve("report.html"));
  }

  @Test
  void appendsNightsAndFailsOnTheRegressedOne() throws IOException {
    Path store = dir.resolve("store");
    List<String> args = new ArrayList<>(List.of("--append", "--store", store.toString()));
    for (int i = 0; i < Fixtures.RUNS - 1; i++) {
      args.add(copyFixture("runs/" + Fixtures.runId(i), Fixtures.runId(i)).toString());
    }
    assertThat(run(args.toArray(String[]::new))).isZero();
    assertThat(run("--trend", "--store", store.toString(), "--fail-on-regression")).as(err.toString()).isZero();

    Path last = copyFixture("runs/" + Fixtures.runId(Fixtures.RUNS - 1), "last");
    assertThat(run("--append", "--store", store.toString(), last.toString())).isZero();
    assertThat(out.toString()).contains("REGRESSION run " + Fixtures.runId(Fixtures.RUNS - 1))
        .contains("throughput_wps regressed");
    assertThat(run("--trend", "--store", store.toString(), "--fail-on-regression")).isEqualTo(1);
    assertThat(run("--trend", "--store", store.toString())).isZero();
    assertThat(store.resolve("index.html")).exists();
    assertThat(Files.readString(last.resolve("report.html"))).contains("Compared with baseline run <code>"
        + Fixtures.runId(Fixtures.RUNS - 2) + "</code>");
  }

  @Test
  void aCompareDirectoryAppendedAndRenderedGivesOneTrendPerRuntimeSetting() throws IOException {
    // the layout scripts/load --compare leaves: <stamp>-compare-<scenario>/{<run-dir>/run.json..., server/}
    Path compare = dir.resolve("20261123T054200Z-compare-worker-load-blocking");
    Files.createDirectories(compare.resolve("server"));
    for (RunRecord r : CompareRuns.rounds(4, "adaptive")) {
      RunRecords.write(compare.resolve(r.runId()).resolve(RunRecords.FILE_NAME), r);
    }
    Path store = dir.resolve("store");
    assertThat(run("--append", "--store", store.toString(), compare.toString())).as(err.toString()).isZero();
    assertThat(out.toString().lines().filter(l -> l.startsWith("stored: "))).hasSize(16);
    // judged on append against its own setting's earlier rounds, within the same batch
    assertThat(out.toString()).contains("REGRESSION run ").containsPattern("REGRESSION run \\S+-adaptive-r4 \\[adaptive");
    out.getBuffer().setLength(0);
    assertThat(run("--trend", "--store", store.toString(), "--fail-on-regression")).isEqualTo(1);
    List<String> pages = out.toString().lines().filter(l -> l.startsWith("trend page: ")).toList();
    assertThat(pages).hasSize(4);
    for (String mode : CompareRuns.MODES) {
      assertThat(pages).anySatisfy(p -> assertThat(p).contains("worker-load-blocking--" + mode + "--"));
    }
    List<String> latest = out.toString().lines().filter(l -> l.contains("latest run ")).toList();
    assertThat(latest).hasSize(4);
    assertThat(latest).filteredOn(l -> l.startsWith("REGRESSION")).singleElement().asString().contains("-adaptive-r4");
    assertThat(latest).filteredOn(l -> !l.startsWith("REGRESSION"))
        .allSatisfy(l -> assertThat(l).contains("no regression (16 of 16 metrics had enough history to judge)"));
  }

  @Test
  void appendsJmhResultsUnderTheGivenMachine() {
    Path store = dir.resolve("store");
    assertThat(run("--append", "--store", store.toString(), "--machine", "fixture-host-2cpu", "--jmh",
        Fixtures.root().resolve("jmh/2026-11-19.json").toString())).isZero();
    assertThat(store.resolve("jmh/fixture-host-2cpu")).isDirectoryContaining("glob:**.json");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("give RUN_DIR(s), --trend or --jmh FILE");
    assertThat(run("--window", "0", "--trend", "--store", dir.toString())).isEqualTo(2);
  }
}
