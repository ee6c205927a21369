package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.gatling.runner.LoadMain;
import dev.loadharness.reports.record.RunEvent;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import dev.loadharness.scenarios.server.InMemoryServer;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults end honestly: the server gone mid-run, a worker JVM killed, the runner interrupted or killed.
 * Each ends with the right exit code, a record that says what happened, and no process left behind.
 */
class FaultsIT {
  private static final String SPEC = "src/test/resources/specs/steady.yaml";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theServerGoneMidRunStopsInjectingWithinBoundsAndEndsAsAnError() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunOutcome outcome;
    long[] killedAt = new long[1];
    try (InMemoryServer server = InMemoryServer.start("default")) {
      RunPlan plan = RunPlan.create(ScenarioSpecs.load(SPEC), dir, "server-gone", Duration.ofSeconds(1));
      timer.schedule(() -> {
        killedAt[0] = System.nanoTime();
        server.close();
      }, 25, TimeUnit.SECONDS);
      outcome = new LoadRun(new PrintStream(bytes, true, StandardCharsets.UTF_8)).execute(plan, server);
    } finally {
      timer.shutdownNow();
    }
    long afterKillS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt[0]);
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(outcome.exitCode()).as(output).isEqualTo(RunOutcome.ERROR);
    assertThat(afterKillS).as("seconds from the server's death to the run's end").isLessThan(60);
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(record.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(record.error()).contains("server unreachable").contains("unaccounted");
    assertThat(record.load().started()).isPositive();
    assertThat(record.load().unaccounted()).as("in-flight workflows counted").isPositive();
    assertThat(record.events()).extracting(RunEvent::kind).contains("server_unreachable");
    assertThat(outcome.runDirectory().resolve("report.html")).content().contains("id=\"events\"", "server_unreachable");
    assertThat(outcome.runDirectory().resolve("report.html")).exists();
    assertThat(outcome.runDirectory().resolve("summary.md")).content().contains("ERROR", "server unreachable");
    assertNoWorkerAlive(outcome.runDirectory());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aWorkerKilledMidRunIsAnEventAndFailsTheRun() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    RunOutcome outcome;
    try (InMemoryServer server = InMemoryServer.start("default")) {
      RunPlan plan = RunPlan.create(ScenarioSpecs.load(SPEC), dir, "worker-killed", Duration.ofSeconds(1));
      timer.schedule(() -> workerProcesses(plan.runDir()).findFirst().ifPresent(ProcessHandle::destroyForcibly),
          20, TimeUnit.SECONDS);
      outcome = new LoadRun(System.out).execute(plan, server);
    } finally {
      timer.shutdownNow();
    }
    RunRecord record = RunRecords.read(outcome.runDirectory());
    assertThat(outcome.exitCode()).isEqualTo(RunOutcome.BREACH);
    assertThat(record.thresholds()).filteredOn(t -> t.metric().equals("worker_deaths"))
        .singleElement().satisfies(t -> {
          assertThat(t.pass()).isFalse();
          assertThat(t.actual()).isEqualTo(1.0);
        });
    assertThat(record.events()).filteredOn(e -> e.kind().equals(RunEvent.WORKER_DIED)).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("137"));
    assertThat(outcome.runDirectory().resolve("report.html")).content().contains("<code>worker_died</code>");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void sigintWritesAnInterruptedRecordExits130AndLeavesNoWorker() throws Exception {
    withRunner(this::sigint);
  }

  private void sigint(Process runner) throws Exception {
    Path runDir = awaitWorkersPolling();
    Thread.sleep(3_000);
    new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor();
    long signalled = System.nanoTime();
    assertThat(runner.waitFor(120, TimeUnit.SECONDS)).as(() -> "runner ended after SIGINT; log:\n" + log()).isTrue();
    System.out.printf("runner exited %d s after SIGINT%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled));
    assertThat(runner.exitValue()).as(this::log).isEqualTo(130);
    RunRecord record = RunRecords.read(runDir);
    assertThat(record.verdict()).isEqualTo(Verdict.INTERRUPTED);
    assertThat(record.error()).contains("SIGINT");
    assertThat(record.events()).extracting(RunEvent::kind).contains("interrupted");
    assertNoWorkerAlive(runDir);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killingTheRunnerLeavesNoWorkerBehind() throws Exception {
    withRunner(this::killRunner);
  }

  private void killRunner(Process runner) throws Exception {
    Path runDir = awaitWorkersPolling();
    List<ProcessHandle> workers = workerProcesses(runDir).toList();
    assertThat(workers).hasSize(2);
    runner.destroyForcibly().waitFor();
    for (ProcessHandle worker : workers) {
      worker.onExit().get(40, TimeUnit.SECONDS);
      assertThat(worker.isAlive()).isFalse();
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("runner.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** A check on a runner JVM of {@link #startRunner()}. */
  private interface RunnerCheck {
    void accept(Process runner) throws Exception;
  }

  /** Starts a runner, checks it, and destroys it whatever the check says (a failure must not leave it behind). */
  private void withRunner(RunnerCheck check) throws Exception {
    Process runner = startRunner();
    try {
      check.accept(runner);
    } finally {
      runner.destroyForcibly();
    }
  }

  /** The load command in its own JVM, on the in-memory server, writing under {@link #dir}. */
  private Process startRunner() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), SPEC, "--server", "in-memory",
        "--out", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("runner.log").toFile()).start();
  }

  private Path awaitWorkersPolling() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Optional<Path> run = runDirectory();
      if (run.isPresent() && workerProcesses(run.get()).count() == 2) {
        return run.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("workers never polled; runner log:\n" + Files.readString(dir.resolve("runner.log")));
  }

  private Optional<Path> runDirectory() throws IOException {
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(p -> p.getFileName().toString().endsWith("-steady")).findFirst();
    }
  }

  /**
   * Live worker JVMs of the run in {@code runDir}, by the pid each wrote into its ready file (a JVM's command
   * line with the long classpath is cut at 4096 characters by ProcessHandle, so it cannot be searched).
   */
  private static Stream<ProcessHandle> workerProcesses(Path runDir) {
    Path workers = runDir.resolve("workers");
    if (!Files.isDirectory(workers)) {
      return Stream.empty();
    }
    try (Stream<Path> dirs = Files.list(workers)) {
      return dirs.map(d -> d.resolve("ready")).filter(Files::exists).map(FaultsIT::pid)
          .flatMap(pid -> ProcessHandle.of(pid).stream()).filter(ProcessHandle::isAlive).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long pid(Path ready) {
    try {
      return Long.parseLong(Files.readString(ready).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static void assertNoWorkerAlive(Path runDir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (workerProcesses(runDir).findAny().isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(workerProcesses(runDir).toList()).as("worker JVMs alive after the run").isEmpty();
  }
}
