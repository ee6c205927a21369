package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.distributed.ControlPlane;
import dev.loadharness.gatling.distributed.DriverMain;
import dev.loadharness.gatling.distributed.DriverProcesses;
import dev.loadharness.gatling.distributed.TemporalFleet;
import dev.loadharness.gatling.driver.Segment;
import dev.loadharness.gatling.pipeline.DistributedRun;
import dev.loadharness.gatling.pipeline.LoadRun;
import dev.loadharness.gatling.pipeline.RunOutcome;
import dev.loadharness.gatling.pipeline.RunPlan;
import dev.loadharness.gatling.pipeline.SegmentFleet;
import dev.loadharness.gatling.pipeline.SegmentTask;
import dev.loadharness.scenarios.server.ConnectionSettings;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironmentException;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.ServerSettings;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code scripts/load <scenario> --drivers N|external}: the scenario's load split into segments that a fleet
 * of driver processes runs, coordinated by a Temporal workflow ({@link TemporalFleet}), merged into one run
 * record ({@link DistributedRun}). {@code N} starts N driver JVMs here; {@code external} uses a fleet that
 * already polls the driver task queue (Kubernetes, deploy/), as many segments as it has drivers by default.
 */
public final class DistributedRunner {
  /** The most local driver JVMs: they all share this machine. */
  static final int MAX_LOCAL_DRIVERS = 16;
  /** Attempts per segment before the run fails. */
  static final int MAX_ATTEMPTS = 5;

  private final PrintStream out;

  public DistributedRunner(PrintStream out) {
    this.out = out;
  }

  /**
   * A distributed run as asked for.
   *
   * @param options the run
   * @param localDrivers driver JVMs to start here, empty for an external fleet
   * @param segments how many segments; default: one per driver
   * @param driverQueue an external fleet's task queue
   * @param heartbeatTimeout a segment whose driver has not heartbeated this long is retried on another
   * @param workerQueue an external worker fleet's task queue; empty: the run starts its own worker JVMs
   */
  public record Request(RunOptions options, Optional<Integer> localDrivers, Optional<Integer> segments,
      String driverQueue, Duration heartbeatTimeout, Optional<String> workerQueue) {

    /** Validates the driver count, the segments and the heartbeat timeout, naming the option. */
    public Request {
      localDrivers.filter(n -> n < 1 || n > MAX_LOCAL_DRIVERS).ifPresent(n -> {
        throw new IllegalArgumentException("--drivers: " + n + " is not allowed; 1 to " + MAX_LOCAL_DRIVERS
            + " local driver JVMs, or 'external' for a running fleet");
      });
      segments.filter(n -> n < 1).ifPresent(n -> {
        throw new IllegalArgumentException("--segments: " + n + " is not allowed; at least 1");
      });
      if (heartbeatTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
        throw new IllegalArgumentException("--driver-heartbeat-timeout: " + heartbeatTimeout
            + " is too short; at least PT2S (a driver heartbeats every second)");
      }
    }

    /** Parses {@code --drivers}: a count of local drivers or {@code external}. */
    public static Optional<Integer> parseDrivers(String value) {
      if (value.equals("external")) {
        return Optional.empty();
      }
      try {
        return Optional.of(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--drivers: \"" + value + "\" is not allowed; a number of local driver "
            + "JVMs (1 to " + MAX_LOCAL_DRIVERS + ") or 'external'");
      }
    }
  }

  /** Runs {@code request}; never throws for bad input or a failed environment, the outcome carries exit code 2. */
  public RunOutcome run(Request request) {
    RunOptions options = request.options();
    ScenarioSpec spec;
    try {
      spec = LoadRunner.loadSpec(options);
    } catch (SpecException e) {
      out.println(e.getMessage());
      return new RunOutcome(RunOutcome.ERROR, null, null, e.getMessage());
    }
    if (request.workerQueue().isPresent() && spec.workers().taskQueues() > 1) {
      // The spec's own external workers refuse task_queues > 1 (SpecValidator); the flag must too, or the run
      // would start every workflow on the one queue and report a multi-queue spec it did not run.
      return error("--worker-queue " + request.workerQueue().get() + ": the spec's workers.task_queues is "
          + spec.workers().taskQueues() + "; an external fleet polls the one queue it names (allowed with "
          + "--worker-queue: task_queues 1)");
    }
    RunPlan created;
    try {
      created = RunPlan.create(spec, options.out(), "", options.progressEvery());
    } catch (IOException e) {
      return error("cannot create run directory under " + options.out().toAbsolutePath() + ": " + e.getMessage());
    }
    RunPlan plan = request.workerQueue().map(created::withWorkerQueue).orElse(created);
    ServerEnvironments environments = ServerEnvironments.fromSystem();
    ServerSettings settings;
    Optional<ConnectionSettings> controlPlane;
    try {
      settings = LoadRunner.serverSettings(environments.settings(), options, spec);
      controlPlane = ControlPlane.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
    try (ServerEnvironment server = environments.open(settings, plan.runDir().resolve("server"))) {
      ConnectionSettings control = controlPlane.orElse(server.connection());
      String queue = request.localDrivers().isPresent() ? "drivers-" + plan.runId() : request.driverQueue();
      int segments = request.segments().orElseGet(() -> request.localDrivers()
          .orElseGet(() -> TemporalFleet.pollers(control, queue)));
      if (segments == 0) {
        return new LoadRun(out).serverFailed(plan, server.kind().id(), "--drivers external: no driver polls task "
            + "queue " + queue + " of " + control.target() + " (namespace " + control.namespace() + "); start the "
            + "fleet (deploy/, or scripts/driver) or name its queue with --driver-queue");
      }
      Optional<String> unsplittable = Segment.whyUnsplittable(spec, segments);
      if (unsplittable.isPresent()) {
        return new LoadRun(out).serverFailed(plan, server.kind().id(), unsplittable.get());
      }
      List<SegmentTask> tasks = Segment.split(segments).stream()
          .map(s -> SegmentTask.of(plan, options.scenario(), options.inject(), s, server.namespace())).toList();
      return new DistributedRun(out).execute(plan, server, launcher(request, plan, control, controlPlane, queue),
          tasks);
    } catch (ServerEnvironmentException | IllegalStateException | IllegalArgumentException e) {
      return new LoadRun(out).serverFailed(plan, settings.requested(), e.getMessage());
    }
  }

  private SegmentFleet.Launcher launcher(Request request, RunPlan plan, ConnectionSettings control,
      Optional<ConnectionSettings> controlPlane, String queue) {
    return server -> {
      String where = controlPlane.isPresent() ? "control plane " + control.target() : "the cluster under test";
      DriverProcesses local = null;
      String description;
      if (request.localDrivers().isPresent()) {
        int n = request.localDrivers().get();
        out.println("starting " + n + " driver JVM(s) on task queue " + queue);
        local = DriverProcesses.start(n, server.connection(), controlPlane, queue, plan.runDir(),
            System.getProperty("java.class.path"));
        description = n + " local driver JVM(s), coordinated on " + where;
      } else {
        description = "the external driver fleet on task queue " + queue + ", coordinated on " + where;
      }
      return new TemporalFleet(new TemporalFleet.Settings(control, queue, "control-" + plan.runId(),
          plan.runId() + "-load-test", request.heartbeatTimeout(), MAX_ATTEMPTS, plan.progressEvery(), description),
          local);
    };
  }

  private RunOutcome error(String message) {
    out.println("ERROR: " + message);
    return new RunOutcome(RunOutcome.ERROR, null, null, message);
  }

  /** The default queue of an external fleet. */
  static String defaultQueue() {
    return Optional.ofNullable(System.getenv("TLH_DRIVER_QUEUE")).filter(q -> !q.isBlank())
        .orElse(DriverMain.DEFAULT_QUEUE);
  }
}
