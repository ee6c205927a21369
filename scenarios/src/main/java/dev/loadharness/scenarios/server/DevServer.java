package dev.loadharness.scenarios.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal server shipped in the Temporal CLI ({@code temporal server start-dev}) as a
 * child process on 127.0.0.1. SQLite runs with journal_mode=WAL and synchronous=OFF, which is what
 * load work needs from a dev server. Readiness is checked over gRPC; the process (and anything it
 * spawned) is stopped on close and by a JVM shutdown hook, so a crashed run leaves no orphan.
 */
public final class DevServer extends RunningServer {
  private static final Logger log = LoggerFactory.getLogger(DevServer.class);
  static final String LOG_FILE = "temporal-dev-server.log";
  private static final int PORT_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 30;

  private final Process process;
  private final Path logFile;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int metricsPort;

  private DevServer(Process process, ConnectionSettings connection, String version, Path logFile, Thread hook,
      int metricsPort) {
    super(ServerKind.DEV_SERVER, connection, version, ExternalServer.REAL_SERVER);
    this.metricsPort = metricsPort;
    this.process = process;
    this.logFile = logFile;
    this.shutdownHook = hook;
  }

  /** Starts the dev server and returns once it answers gRPC for the namespace. */
  public static DevServer start(DevServerOptions options) {
    try {
      Files.createDirectories(options.logDirectory());
    } catch (IOException e) {
      throw new ServerEnvironmentException(
          "dev-server: cannot create log directory " + options.logDirectory() + ": " + e.getMessage(), e);
    }
    Path logFile = options.logDirectory().resolve(LOG_FILE);
    int port = choosePort(options.preferredPort());
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(options, port, logFile);
      } catch (PortLost e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new ServerEnvironmentException(
              "dev-server: ports kept being taken by other processes after " + attempt + " attempts; last log lines:\n" + e.getMessage());
        }
        int next = LoopbackPorts.freePort();
        log.warn("dev-server: port {} was taken while starting; retrying on {}", port, next);
        port = next;
      }
    }
  }

  private static int choosePort(int preferred) {
    if (preferred == 0) {
      return LoopbackPorts.freePort();
    }
    if (LoopbackPorts.isFree(preferred)) {
      return preferred;
    }
    int other = LoopbackPorts.freePort();
    log.warn("dev-server: port {} on 127.0.0.1 is taken; using free port {} instead", preferred, other);
    return other;
  }

  private static DevServer startOnce(DevServerOptions options, int port, Path logFile) {
    // The server's own Prometheus endpoint on loopback, so a run can tell server from worker saturation.
    int metricsPort = LoopbackPorts.freePort();
    List<String> command = command(options, port, metricsPort);
    long logStart = LogTail.size(logFile);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new ServerEnvironmentException(
          "dev-server: cannot run " + options.cli() + ": " + e.getMessage(), e);
    }
    Thread hook = new Thread(() -> stopTree(process), "dev-server-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(hook);
    ConnectionSettings connection = ConnectionSettings.plaintext("127.0.0.1:" + port, options.namespace());
    String label = "dev-server at " + connection.target();
    try {
      String version =
          ServerReadiness.await(connection, true, options.readyTimeout(), label, process::isAlive);
      log.info("dev-server ready at {} (server {}, pid {}, log {})", connection.target(), version, process.pid(), logFile);
      return new DevServer(process, connection, version, logFile, hook, metricsPort);
    } catch (RuntimeException e) {
      stopTree(process);
      removeHook(hook);
      String tail = LogTail.lastLines(logFile, LOG_TAIL_LINES);
      // The whole of this start's output, not the tail: the CLI picks its internal services' ports itself,
      // and one taken meanwhile ends in a panic whose goroutine dump pushes the "address already in use"
      // line far above the last lines.
      String written = LogTail.since(logFile, logStart);
      if (written.contains("address already in use")) {
        throw new PortLost(tail);
      }
      String panic = written.lines().filter(l -> l.startsWith("panic:")).findFirst()
          .map(l -> " (" + l.strip() + ")").orElse("");
      throw new ServerEnvironmentException(
          e.getMessage() + panic + "; the process was stopped. Last lines of " + logFile + ":\n" + tail, e);
    }
  }

  static List<String> command(DevServerOptions options, int port) {
    return command(options, port, 0);
  }

  /** The command line; {@code metricsPort} 0 leaves the metrics endpoint to the CLI's default (a random port). */
  static List<String> command(DevServerOptions options, int port, int metricsPort) {
    List<String> command = new ArrayList<>();
    command.add(options.cli().toString());
    command.addAll(
        List.of(
            "server", "start-dev",
            "--headless",
            "--ip", "127.0.0.1",
            "--port", Integer.toString(port),
            "--namespace", options.namespace(),
            "--sqlite-pragma", "journal_mode=WAL",
            "--sqlite-pragma", "synchronous=OFF"));
    if (metricsPort > 0) {
      command.addAll(List.of("--metrics-port", Integer.toString(metricsPort)));
    }
    options.dbFile().ifPresent(db -> command.addAll(List.of("--db-filename", db.toString())));
    return command;
  }

  /** The child process, for tests that prove nothing is left behind. */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  @Override
  public java.util.Optional<java.net.URI> metricsUrl() {
    return java.util.Optional.of(java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"));
  }

  @Override
  public Optional<ProcessHandle> process() {
    return Optional.of(process.toHandle());
  }

  /** The server's log file in the run directory. */
  public Path logFile() {
    return logFile;
  }





  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopTree(process);
    removeHook(shutdownHook);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it does the same work.
    }
  }

  /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after 10 s. */
  static void stopTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        log.warn("dev-server pid {} ignored SIGTERM for 10 s; killing it", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "dev-server at " + target() + " (pid " + process.pid() + ")";
  }

  /** The chosen port was taken between the check and the bind. */
  private static final class PortLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortLost(String logTail) {
      super(logTail, null, false, false);
    }
  }
}
