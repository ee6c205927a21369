package dev.loadharness.jmh.coldstart;

import dev.loadharness.scenarios.server.SelfSignedTls;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Worker cold start: wall time from spawning a fresh worker JVM to every one of its N workers having
 * run its first task (its first successful poll), per {@link StartupMode}, in plaintext and TLS.
 *
 * <p>Before each spawn one workflow is started on each of N fresh task queues, so a task is waiting
 * in matching and the first poll that reaches the server succeeds at once: what is measured is JVM
 * start, class loading, worker set-up, connecting (TCP, TLS) and the first poll round trip. The
 * baseline is {@code runtime-per-worker} (same runtime code, a transport per worker, no pre-warm); the
 * plain SDK is shown alongside. The server runs in this JVM, so the child's numbers include none of
 * the server's start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The in-memory server answers each killed worker's long polls on its own non-daemon pool threads, which
// outlive the trial by up to a poll timeout; JMH would wait 30 s per fork for them. Nothing is measured then.
@Fork(value = 1, jvmArgsAppend = "-Djmh.shutdownTimeout=2")
@Warmup(iterations = 2)
@Measurement(iterations = 8)
public class WorkerColdStartBenchmark {
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(60);
  /** Each measured child's own CPU until its first tasks ran, ms: printed per trial beside JMH's wall times. */
  private static final List<Long> CHILD_CPU_MS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Param({"sdk-per-worker", "runtime-per-worker", "runtime-shared-prewarm"})
  public String mode;

  @Param({"plaintext", "tls"})
  public String transport;

  @Param({"4", "16"})
  public int workers;

  /**
   * {@code off}: the JDK's default class-data sharing only (the JDK's own classes); {@code appcds}: the worker
   * JVM also maps a dynamic AppCDS archive of the classes a worker loads (gRPC, Netty, protobuf, the SDK, the
   * runtime), written by a training run of the same worker before the trial, as the load runner does.
   */
  @Param({"off", "appcds"})
  public String cds;

  private Path dir;
  private ColdStartServer server;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private final AtomicInteger round = new AtomicInteger();
  private String queues;
  private Process child;
  private Path archive;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    StartupMode.of(mode);
    dir = Files.createTempDirectory("coldstart");
    Optional<SelfSignedTls> tls = transport.equals("tls") ? Optional.of(SelfSignedTls.create(dir)) : Optional.empty();
    server = ColdStartServer.start(tls);
    stubs = server.clientStubs();
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    if (cds.equals("appcds")) {
      archive = dir.resolve("worker-" + mode + ".jsa");
      train();
    } else if (!cds.equals("off")) {
      throw new IllegalArgumentException("cds must be off or appcds, was " + cds);
    }
  }

  /**
   * The training run: the same worker, started the same way, exits after its first tasks, and the JVM writes the
   * classes it loaded into {@link #archive} ({@code -XX:ArchiveClassesAtExit}, JDK 13+). Not measured.
   */
  private void train() throws Exception {
    queueWork();
    List<String> command = command(List.of("-XX:ArchiveClassesAtExit=" + archive,
        "-D" + FirstTasks.EXIT_PROPERTY + "=true"));
    Process training = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("training-" + mode + ".log").toFile()).start();
    if (!training.waitFor(SPAWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || training.exitValue() != 0
        || !Files.isRegularFile(archive)) {
      training.destroyForcibly();
      throw new IllegalStateException("the AppCDS training run wrote no archive; see "
          + dir.resolve("training-" + mode + ".log"));
    }
  }

  private List<String> command(List<String> jvmOptions) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStartWorker.class.getName(), mode,
        server.target(), queues));
    server.tls().ifPresent(tls -> command.add(tls.certificate().toString()));
    return command;
  }

  /** One waiting workflow on each of N task queues no worker has polled before. */
  @Setup(Level.Invocation)
  public void queueWork() {
    int r = round.incrementAndGet();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      String queue = "coldstart-" + mode + "-" + r + "-" + i;
      names.add(queue);
      WorkflowClient.start(client.newWorkflowStub(ColdStartWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue).build())::run);
    }
    queues = String.join(",", names);
  }

  /** Spawns the worker JVM and returns when all its workers have run their first task. */
  @Benchmark
  public long coldStart() throws Exception {
    List<String> command = command(archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive));
    child = new ProcessBuilder(command).redirectError(dir.resolve("worker-" + mode + ".log").toFile()).start();
    return awaitAllPolled(child);
  }

  private static long awaitAllPolled(Process process) throws Exception {
    CompletableFuture<Long> line = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          if (l.startsWith(FirstTasks.ALL_POLLED + " ")) {
            String[] f = l.substring(FirstTasks.ALL_POLLED.length() + 1).trim().split(" ");
            CHILD_CPU_MS.add(Long.parseLong(f[1]));
            return Long.parseLong(f[0]);
          }
        }
        throw new IllegalStateException("worker exited (" + process.waitFor() + ") before its first tasks ran");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return line.get(SPAWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("worker did not run its first tasks within " + SPAWN_TIMEOUT, e);
    }
  }

  @TearDown(Level.Invocation)
  public void killWorker() throws InterruptedException {
    if (child != null) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      child = null;
    }
  }

  @TearDown(Level.Trial)
  public void stopServer() throws InterruptedException {
    // The warm-up spawns are in the list too; the median of all is what the trial's children cost in CPU.
    List<Long> cpu = CHILD_CPU_MS.stream().sorted().toList();
    if (!cpu.isEmpty()) {
      System.out.println("child CPU ms to first tasks (" + mode + ", cds=" + cds + "): n=" + cpu.size() + " median="
          + cpu.get(cpu.size() / 2) + " min=" + cpu.get(0) + " max=" + cpu.get(cpu.size() - 1) + " all=" + cpu);
    }
    CHILD_CPU_MS.clear();
    stubs.shutdownNow();
    server.close();
  }
}
