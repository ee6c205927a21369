package dev.loadharness.gatling.distributed;

import dev.loadharness.gatling.driver.DriverStubs;
import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.server.ExternalServer;
import dev.loadharness.scenarios.server.ServerEnvironment;
import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.loadharness.runtime.metrics.PrometheusEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A driver process of distributed runs: a Temporal worker on the driver task queue (of the control plane)
 * that runs one segment at a time against the cluster under test. The cluster under test comes from the
 * {@code TEMPORAL_*} variables (as for the workers), the control plane from {@code TLH_CONTROL_*} (else the
 * same cluster). SIGTERM stops the running segment, which is then retried on another driver; the process
 * also exits when {@code --parent-pid} ends. Writes {@code ready} into {@code --dir} once it polls.
 */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Runs segments of distributed load runs (a Temporal worker on the driver task queue).")
public final class DriverMain implements Callable<Integer> {
  /** The driver task queue when none is named. */
  public static final String DEFAULT_QUEUE = "tlh-drivers";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--driver-id", description = "this driver's name; default: the host name")
  String driverId;

  @Option(names = "--task-queue", description = "the driver task queue; default TLH_DRIVER_QUEUE or " + DEFAULT_QUEUE)
  String taskQueue;

  @Option(names = "--dir", description = "where segment files go; default ./driver-<id>")
  Path dir;

  @Option(names = "--parent-pid", description = "exit when this process ends (a local run's coordinator)")
  Long parentPid;

  /**
   * Runs until SIGTERM (the JVM then exits 143, after the hook's "stopped" line) or its parent ends (0); exits 2
   * when the configuration or the connection is wrong.
   */
  public static void main(String[] args) {
    // First, before any class creates the common pool (docs/distributed.md, "Driver cost").
    dev.loadharness.gatling.driver.CommonPool.ensureParallel().ifPresent(w -> System.out.println("warning: " + w));
    CommandLine cli = new CommandLine(new DriverMain());
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      System.out.println("driver: ERROR: " + e.getMessage());
      return 2;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    String id = driverId != null ? driverId : host;
    String queue = taskQueue != null ? taskQueue : Optional.ofNullable(System.getenv("TLH_DRIVER_QUEUE"))
        .filter(q -> !q.isBlank()).orElse(DEFAULT_QUEUE);
    Path files = dir != null ? dir : Path.of("driver-" + id);
    Files.createDirectories(files);
    ConnectionSettings load;
    Optional<ConnectionSettings> control;
    io.temporal.serviceclient.WorkflowServiceStubsOptions.Builder loadOptions;
    try {
      load = ConnectionSettings.fromEnvironment(System.getenv());
      control = ControlPlane.fromEnvironment(System.getenv());
      loadOptions = DriverStubs.options(load, System.getenv());
    } catch (IllegalArgumentException e) {
      System.out.println("driver " + id + ": " + e.getMessage());
      return 2;
    }
    String name = id + "@" + host + "/" + ProcessHandle.current().pid();
    Scope scope;
    try {
      scope = metrics(System.getenv());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.out.println("driver " + id + ": " + e.getMessage());
      return 2;
    }
    ServerEnvironment server = ExternalServer.attach(load, CONNECT_TIMEOUT);
    WorkflowServiceStubs loadStubs = WorkflowServiceStubs.newServiceStubs(loadOptions.setMetricsScope(scope).build());
    ConnectionSettings controlConnection = control.orElse(load);
    WorkflowServiceStubs controlStubs = control.isPresent()
        ? WorkflowServiceStubs.newServiceStubs(controlConnection.toStubsOptions().setMetricsScope(scope).build())
        : loadStubs;
    WorkflowClient loadClient = WorkflowClient.newInstance(loadStubs,
        WorkflowClientOptions.newBuilder().setNamespace(load.namespace()).build());
    WorkflowClient controlClient = WorkflowClient.newInstance(controlStubs,
        WorkflowClientOptions.newBuilder().setNamespace(controlConnection.namespace()).build());
    SegmentActivitiesImpl segments = new SegmentActivitiesImpl(name, server, loadClient, files, System.out);
    WorkerFactory factory = WorkerFactory.newInstance(controlClient);
    // One segment at a time: Gatling runs one simulation per JVM, and a driver's CPU is its segment's.
    // Heartbeats reach the server each second (the SDK would hold them for 0.8 x the heartbeat timeout), so a
    // loaded machine's late heartbeat does not look like a dead driver.
    factory.newWorker(queue, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1)
        .setMaxConcurrentActivityTaskPollers(1).setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1)).build())
        .registerActivitiesImplementations(segments);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      segments.stop("driver " + name + " is shutting down");
      factory.shutdown();
      factory.awaitTermination(30, TimeUnit.SECONDS);
      controlStubs.shutdownNow();
      loadStubs.shutdownNow();
      // Said here, not after stop.await() in call(): the JVM halts once its hooks return, often before the
      // main thread has woken up to print (measured: 2 of 6 docker stops lost the line that way).
      System.out.println("driver " + name + " stopped");
      stop.countDown();
    }, "driver-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    watchParent(id);
    factory.start();
    System.out.println("driver " + name + " polling task queue " + queue + " of " + controlConnection.target()
        + " (namespace " + controlConnection.namespace() + "); load goes to " + load.target() + " (namespace "
        + load.namespace() + "); " + ManagementFactory.getRuntimeMXBean().getName());
    Files.writeString(files.resolve("ready"), ProcessHandle.current().pid() + "\n");
    // Only the shutdown hook (SIGTERM, or the exit below when the parent ends) stops the driver: it stops the
    // running segment first, so that segment fails over to another driver instead of hanging until its timeout.
    stop.await();
    return 0;
  }

  /**
   * The SDK's client and worker metrics of this driver (start call latencies, activity task figures) served for
   * Prometheus at {@code TEMPORAL_METRICS_HOST:TEMPORAL_METRICS_PORT}, as the workers' are; none without a port.
   */
  private static Scope metrics(java.util.Map<String, String> env) {
    String port = env.get("TEMPORAL_METRICS_PORT");
    if (port == null || port.isBlank()) {
      return new NoopScope();
    }
    int number;
    try {
      number = Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("TEMPORAL_METRICS_PORT: \"" + port + "\" is not a port (0..65535)");
    }
    String bind = Optional.ofNullable(env.get("TEMPORAL_METRICS_HOST")).filter(h -> !h.isBlank()).orElse("127.0.0.1");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The driver's own CPU and heap: what sizes a driver pod (docs/distributed.md, capacity).
    new ProcessorMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    PrometheusEndpoint endpoint = new PrometheusEndpoint(registry, bind, number);
    System.out.println("driver metrics on http://" + bind + ":" + endpoint.port() + "/metrics");
    return new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
  }

  private void watchParent(String id) {
    if (parentPid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      System.out.println("driver " + id + ": parent process " + parentPid + " is already gone; exiting");
      System.exit(0);
    }
    parent.get().onExit().thenRun(() -> {
      System.out.println("driver " + id + ": parent process " + parentPid + " ended; exiting");
      System.exit(0);
    });
  }
}
