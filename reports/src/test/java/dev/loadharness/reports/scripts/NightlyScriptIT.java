package dev.loadharness.reports.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.reports.fixtures.Fixtures;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.trend.TrendStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code scripts/nightly} in a scratch project root. {@code scripts/load} and
 * {@code scripts/jmh} belong to other modules, so here they are stand-ins that emit fixture records;
 * {@code scripts/report} runs the real report command on the test class path.
 */
class NightlyScriptIT {

  static final Path NIGHTLY = Path.of("../scripts/nightly").toAbsolutePath().normalize();

  @TempDir Path root;

  @Test
  void missingLoadOrJmhRunnerIsAnErrorNotASilentPass() throws Exception {
    install("nightly", Files.readString(NIGHTLY));
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.output()).contains("missing: scripts/load", "missing: scripts/jmh", "nothing was run");
  }

  @Test
  void regressedNightExitsOneAndRendersTheTrend() throws Exception {
    Path store = root.resolve("store");
    TrendStore trendStore = TrendStore.at(store);
    for (int i = 0; i < Fixtures.RUNS - 1; i++) {
      trendStore.append(Fixtures.run(i));
    }
    projectWithStandIns(Fixtures.RUNS - 1);
    Result r = run("--store", store.toString(), "--out", root.resolve("night").toString(),
        "--scenarios", "worker-load-128");
    assertThat(r.code()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("worker-load-128: pass", "jmh --quick: done", "trend: REGRESSION",
        "throughput_wps regressed");
    assertThat(store.resolve("trends").resolve(
        dev.loadharness.reports.trend.TrendPage.fileName(dev.loadharness.reports.trend.TrendKey.of(Fixtures.run(0)))))
        .exists();
    assertThat(root.resolve("night/worker-load-128/report.html")).exists();
  }

  @Test
  void ordinaryNightExitsZero() throws Exception {
    Path store = root.resolve("store");
    TrendStore trendStore = TrendStore.at(store);
    for (int i = 0; i < Fixtures.RUNS - 2; i++) {
      trendStore.append(Fixtures.run(i));
    }
    projectWithStandIns(Fixtures.RUNS - 2);
    Result r = run("--store", store.toString(), "--out", root.resolve("night").toString(),
        "--scenarios", "worker-load-128");
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("trend: no regression");
  }

  @Test
  void aRegressionAgainstTheBaselineFailsTheNightAndNoBaselineIsSaid() throws Exception {
    Path store = root.resolve("store");
    projectWithStandIns(Fixtures.RUNS - 2);
    Result ab = run(java.util.Map.of("AB_EXIT", "1"), "--store", store.toString(), "--out",
        root.resolve("night").toString(), "--scenarios", "worker-load-128", "--no-jmh", "--baseline", "v1.2.0");
    assertThat(ab.code()).as(ab.output()).isEqualTo(1);
    assertThat(ab.output()).contains("stand-in A/B: worker-load-128 --baseline v1.2.0 --rounds 5 --out",
        "A/B against v1.2.0: REGRESSED");

    Result clean = run(java.util.Map.of("AB_EXIT", "0"), "--store", store.toString(), "--out",
        root.resolve("night2").toString(), "--scenarios", "worker-load-128", "--no-jmh", "--baseline", "v1.2.0");
    assertThat(clean.output()).contains("A/B against v1.2.0: no regression");

    // the scratch root is no git repository: no release tag to compare against, and the night says so
    Result none = run("--store", store.toString(), "--out", root.resolve("night3").toString(),
        "--scenarios", "worker-load-128", "--no-jmh");
    assertThat(none.output()).contains("A/B skipped: no release tag (v*) reachable from HEAD")
        .doesNotContain("stand-in A/B");
  }

  private void projectWithStandIns(int fixtureRun) throws IOException {
    install("nightly", Files.readString(NIGHTLY));
    Path record = root.resolve("fixture-run.json");
    RunRecords.write(record, Fixtures.run(fixtureRun));
    install("load", "#!/usr/bin/env bash\n# stand-in for the load suite: emits a fixture run record; an A/B\n"
        + "# (--baseline) says what it was asked and exits $AB_EXIT, as a regressed comparison exits 1\n"
        + "if [ \"$2\" = --baseline ]; then echo \"stand-in A/B: $*\"; exit ${AB_EXIT:-0}; fi\n"
        + "mkdir -p \"$3\" && cp '" + record + "' \"$3/run.json\"\n");
    install("jmh", "#!/usr/bin/env bash\n# stand-in for the JMH runner: emits fixture results\n"
        + "mkdir -p \"$3\" && cp '" + Fixtures.root().resolve("jmh/2026-11-20.json") + "' \"$3/jmh.json\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    install("report", "#!/usr/bin/env bash\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' dev.loadharness.reports.cli.ReportCommand --machine fixture-host-2cpu \"$@\"\n");
  }

  private void install(String name, String content) throws IOException {
    Path file = root.resolve("scripts").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Result run(String... args) throws IOException, InterruptedException {
    return run(java.util.Map.of(), args);
  }

  private Result run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("scripts/nightly").toString()));
    cmd.addAll(List.of(args));
    Path log = root.resolve("nightly.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove(TrendStore.ENV);
    pb.environment().remove("NIGHTLY_SCENARIOS");
    pb.environment().remove("NIGHTLY_BASELINE");
    pb.environment().putAll(env);
    pb.environment().remove(dev.loadharness.reports.record.Environment.MACHINE_ENV);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("scripts/nightly did not finish in 180 s: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  record Result(int code, String output) {}
}
