package dev.loadharness.gatling.distributed;

import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.worker.ChildProcesses;
import dev.loadharness.scenarios.worker.ExtraJvmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local driver fleet ({@code scripts/load --drivers N}): N {@link DriverMain} JVMs on this machine, each
 * given the run's connection as {@code TEMPORAL_*} (and the control plane as {@code TLH_CONTROL_*} when it
 * is another cluster) in its environment, never on its command line, and this JVM's pid to watch. Closing
 * sends SIGTERM and, after a bounded wait, SIGKILL.
 */
public final class DriverProcesses implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The driver JVM's options (docs/distributed.md, "Driver cost"): the C1 compiler only, since with C2 the JIT was
   * the driver's largest CPU share (36% of a 1,600-workflow run) and the driver's code is calls and bookkeeping,
   * not loops that C2 pays off on; a serial heap that starts at 32 MB (the JVM's default start is 1/64 of the
   * machine's memory, and the young generation it implies is touched in full, resident, before the first
   * collection) and grows only with the live data: a 12 MB young generation and at most 40% free after a
   * full collection (the live heap at 1,000 in flight is about 30 MB; the defaults kept 70 MB committed); one
   * Netty buffer arena of each kind instead of two per core (each holds 4 MB chunks). Measured: peak RSS at
   * 1,000 in flight 202 MB with them against 223-241 MB without (docs/distributed.md). scripts/load gives
   * scripts/driver the same options.
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m",
      "-Xmx512m", "-Xmn12m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40",
      "-Dio.grpc.netty.shaded.io.netty.allocator.numDirectArenas=1",
      "-Dio.grpc.netty.shaded.io.netty.allocator.numHeapArenas=1");

  private final List<Process> processes = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();

  private DriverProcesses() {}

  /**
   * Starts {@code count} drivers polling {@code queue}, their files under {@code runDir/drivers/driver-<i>},
   * and waits until each polls; on failure stops what started and throws with the driver's log tail.
   */
  public static DriverProcesses start(int count, ConnectionSettings load, Optional<ConnectionSettings> control,
      String queue, Path runDir, String classpath) {
    DriverProcesses drivers = new DriverProcesses();
    try {
      for (int i = 1; i <= count; i++) {
        drivers.launch("driver-" + i, load, control, queue, runDir.resolve("drivers").resolve("driver-" + i),
            classpath);
      }
      drivers.awaitReady();
      return drivers;
    } catch (RuntimeException e) {
      drivers.close();
      throw e;
    }
  }

  private void launch(String id, ConnectionSettings load, Optional<ConnectionSettings> control, String queue,
      Path dir, String classpath) {
    try {
      Files.createDirectories(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "--add-opens=java.base/java.lang=ALL-UNNAMED"));
      command.addAll(JVM_OPTIONS);
      command.addAll(ExtraJvmOptions.fromEnvironment(ExtraJvmOptions.DRIVERS));
      command.addAll(List.of("-Dtlh.log.file=" + dir.resolve("libraries.log"), "-cp", classpath,
          DriverMain.class.getName(), "--driver-id", id, "--task-queue", queue, "--dir", dir.toString(),
          "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("driver.log").toFile());
      Map<String, String> env = builder.environment();
      // glibc's malloc keeps an arena per thread that allocates (gRPC's and Netty's threads): two bound the RSS.
      env.put("MALLOC_ARENA_MAX", "2");
      env.keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith(ControlPlane.PREFIX));
      env.putAll(load.toEnvironment());
      control.ifPresent(c -> env.putAll(ControlPlane.toEnvironment(c)));
      processes.add(builder.start());
      dirs.add(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start driver " + id, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      while (!Files.exists(dirs.get(i).resolve("ready"))) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException("driver-" + (i + 1) + " exited with code " + processes.get(i).exitValue()
              + " before polling; log: " + tail(dirs.get(i)));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("driver-" + (i + 1) + " not polling after " + READY_TIMEOUT.toSeconds()
              + " s; log: " + tail(dirs.get(i)));
        }
        sleep(100);
      }
    }
  }

  private static String tail(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("driver.log"));
      return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** How many drivers were started. */
  public int size() {
    return processes.size();
  }

  /** The pid of driver {@code index} (0-based). */
  public long pid(int index) {
    return processes.get(index).pid();
  }

  /** Each driver's directory, in launch order. */
  public List<Path> dirs() {
    return List.copyOf(dirs);
  }

  /** Kills driver {@code index} with SIGKILL, as a lost machine would end. */
  public void kill(int index) {
    processes.get(index).destroyForcibly();
    ChildProcesses.waitFor(processes.get(index), Duration.ofSeconds(10));
  }

  /** SIGTERM to all; SIGKILL whatever is still alive after 40 s (a stopping driver reports its segment first). */
  @Override
  public void close() {
    ChildProcesses.stop(processes, Duration.ofSeconds(40));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for drivers", e);
    }
  }
}
