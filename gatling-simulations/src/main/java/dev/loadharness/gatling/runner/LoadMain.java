package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.Signals;
import dev.loadharness.scenarios.spec.UserCode;
import dev.loadharness.scenarios.spec.WorkerSettings;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/load [scenario] [--server kind] [--workers n] [--out dir] [--compare settings | --baseline b
 * | --find-capacity [--slo m<x ..] [--sweep dim=values ..] | --drivers n|external] [--rounds n]}:
 * exit 0 pass, 1 breach, 2 error.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Runs a load scenario against a Temporal server and gates it on the scenario's thresholds.")
public final class LoadMain implements Callable<Integer> {

  @Parameters(index = "0", defaultValue = "worker-load-128",
      description = "scenario name (smoke, worker-load-128, ...) or a .yaml/.json spec path; default ${DEFAULT-VALUE}")
  String scenario;

  @Option(names = "--server", description = "auto, in-memory, dev-server, testcontainers or external")
  String server;

  @Option(names = "--server-address", paramLabel = "host:port",
      description = "an existing cluster's frontend (as TEMPORAL_ADDRESS; auto then selects external). TLS and "
          + "API key: TEMPORAL_TLS_CERT/KEY/CA/SERVER_NAME and TEMPORAL_API_KEY (never on the command line)")
  String serverAddress;

  @Option(names = "--namespace", description = "namespace (as TEMPORAL_NAMESPACE); default default")
  String namespace;

  @Option(names = "--workers", description = "worker processes (overrides the spec)")
  Integer workers;

  @Option(names = "--out", defaultValue = "runs", description = "runs directory; default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--compare", split = ",", paramLabel = "setting",
      description = "run the scenario once per round under each worker runtime setting (fixed, adaptive, "
          + "sdk-resource-based, sdk-poller-autoscaling, plain-sdk: the SDK's worker with no harness hooks; "
          + "comma-separated, or 'all' for the first four) against one server and write comparison.md")
  List<String> compare;

  @Option(names = "--baseline", paramLabel = "classpath|run-dir",
      description = "A/B: compare head with a baseline: a worker classpath (jar[:jar...]; scripts/load turns a git "
          + "ref into one) run in interleaved rounds against one server, or a directory of earlier run.json "
          + "records of this scenario; writes comparison.md/.json/.html; exit 1 only on a regression beyond a "
          + "metric's minimum effect")
  String baseline;

  @Option(names = "--baseline-label", hidden = true, description = "the baseline build's name in outputs")
  String baselineLabel;

  @Option(names = "--baseline-commit", hidden = true, description = "the baseline build's commit")
  String baselineCommit;

  @Option(names = "--rounds", defaultValue = "3", description = "comparison rounds; default ${DEFAULT-VALUE}")
  int rounds;

  @Option(names = "--inject", split = ",", paramLabel = "knob=value",
      description = "inject a regression to test the gate: activity_slowdown=2.0, workflow_task_delay_ms=50, "
          + "sticky_cache_size=1, lose_workflows=1 (comma-separated; replaces the spec's inject)")
  Map<String, String> inject;

  @Option(names = "--worker-classpath", paramLabel = "jar[:jar...]",
      description = "your workflow and activity code: the worker JVMs register the WorkflowCatalog its jars declare "
          + "(META-INF/services), or the --workflow-class/--activity-class classes; the spec's mix names your "
          + "workflow types (type, args); replaces the spec's workers.classpath")
  String workerClasspath;

  @Option(names = "--workflow-class", paramLabel = "class",
      description = "a workflow implementation class of --worker-classpath to register (repeatable)")
  List<String> workflowClasses;

  @Option(names = "--activity-class", paramLabel = "class",
      description = "an activity implementation class of --worker-classpath to register, built with its no-argument "
          + "constructor (repeatable)")
  List<String> activityClasses;

  @Option(names = "--find-capacity",
      description = "capacity search: step the offered load (open model: arrivals/s; closed: workflows in flight) "
          + "upward, find the knee (an SLO breaks or the backlog grows), bisect it; one server; writes capacity.md, "
          + ".json, .html; exit 0 found, 1 no step met the SLO")
  boolean findCapacity;

  @Option(names = "--slo", paramLabel = "metric<limit",
      description = "with --find-capacity: a bar every step must meet, e.g. end_to_end_p95_ms<2000 (repeatable)")
  List<String> slos;

  @Option(names = "--sweep", paramLabel = "dim=values",
      description = "with --find-capacity: a sweep dimension, workers, workflow_slots or activity_slots, as v1,v2,.. "
          + "or a..b, e.g. workers=1..3 (repeatable; each combination is searched)")
  List<String> sweeps;

  @Option(names = "--start", description = "with --find-capacity: the first load (default: the scenario's / 4)")
  Double start;

  @Option(names = "--factor", defaultValue = "2", description = "with --find-capacity: growth per upward step; "
      + "default ${DEFAULT-VALUE}")
  double factor;

  @Option(names = "--max-steps", defaultValue = "6", description = "with --find-capacity: upward steps at most; "
      + "default ${DEFAULT-VALUE}")
  int maxSteps;

  @Option(names = "--resolution", defaultValue = "0.1", description = "with --find-capacity: bisect until the "
      + "bracket is within this share of the good load; default ${DEFAULT-VALUE}")
  double resolution;

  @Option(names = "--max-refinements", defaultValue = "3", description = "with --find-capacity: bisection steps at "
      + "most; default ${DEFAULT-VALUE}")
  int maxRefinements;

  @Option(names = "--step-duration", defaultValue = "PT12S", description = "with --find-capacity: injection length "
      + "of each step (ISO-8601); default ${DEFAULT-VALUE}")
  Duration stepDuration;
  @Option(names = "--drivers", paramLabel = "n|external",
      description = "distributed: split the load into segments run by n driver JVMs started here, or by the "
          + "external driver fleet polling --driver-queue; one run record merged from the segments")
  String drivers;

  @Option(names = "--segments", description = "distributed: how many segments; default one per driver")
  Integer segments;

  @Option(names = "--driver-queue", description = "distributed: the external fleet's task queue; default "
      + "TLH_DRIVER_QUEUE or tlh-drivers")
  String driverQueue;

  @Option(names = "--worker-queue", description = "distributed: the task queue of an external worker fleet "
      + "(deploy/); the run starts no worker JVMs and its worker-side figures are on the fleet's Prometheus")
  String workerQueue;

  @Option(names = "--driver-heartbeat-timeout", defaultValue = "PT10S",
      description = "distributed: a segment whose driver has not heartbeated this long is retried on another "
          + "driver (ISO-8601); default ${DEFAULT-VALUE}")
  Duration driverHeartbeatTimeout;

  @Option(names = "--progress-every", defaultValue = "PT2S", description = "progress line interval (ISO-8601)")
  Duration progressEvery;

  /** Exits with the run's code. */
  public static void main(String[] args) {
    // First, before any class creates the common pool (docs/distributed.md, "Driver cost").
    dev.loadharness.gatling.driver.CommonPool.ensureParallel().ifPresent(w -> System.out.println("warning: " + w));
    CommandLine cli = new CommandLine(new LoadMain());
    cli.setParameterExceptionHandler((e, a) -> {
      cli.getErr().println(e.getMessage());
      cli.usage(cli.getErr());
      return 2;
    });
    // A crash is an environment failure (2), never "a threshold breached" (picocli's default would be 1).
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      System.out.println("ERROR: " + e);
      e.printStackTrace();
      return 2;
    });
    int code;
    try {
      code = cli.execute(args);
    } catch (Throwable e) {
      // An Error escaping picocli would leave Gatling's and gRPC's non-daemon threads keeping this JVM alive.
      System.out.println("ERROR: " + e);
      code = 2;
    }
    System.exit(code);
  }

  /** The --worker-classpath, --workflow-class and --activity-class options as user code, if given. */
  private Optional<UserCode> userCode() {
    if (workerClasspath == null) {
      if (workflowClasses != null || activityClasses != null) {
        throw new IllegalArgumentException("--workflow-class/--activity-class: name classes of the jars given with "
            + "--worker-classpath jar[:jar...]");
      }
      return Optional.empty();
    }
    List<Path> jars = UserCode.parseClasspath(workerClasspath).stream().map(LoadMain::callerRelative).toList();
    return Optional.of(new UserCode(jars, workflowClasses == null ? List.of() : workflowClasses,
        activityClasses == null ? List.of() : activityClasses));
  }

  /**
   * A relative path as the person typed it: scripts/load changes to the repository root, so it passes the
   * directory it was called from as {@code tlh.caller.dir}.
   */
  static Path callerRelative(Path path) {
    String caller = System.getProperty("tlh.caller.dir");
    return caller == null || path.isAbsolute() ? path : Path.of(caller).resolve(path).normalize();
  }

  private static String callerRelative(String scenario) {
    boolean file = scenario.endsWith(".yaml") || scenario.endsWith(".yml") || scenario.endsWith(".json");
    if (!file) {
      return scenario;
    }
    // Specs named relative to the repository root (as before scripts/load passed its caller's directory) still work.
    Path resolved = callerRelative(Path.of(scenario));
    return java.nio.file.Files.exists(resolved) || !java.nio.file.Files.exists(Path.of(scenario))
        ? resolved.toString() : scenario;
  }

  @Override
  public Integer call() {
    if (workers != null && (workers < 1 || workers > WorkerSettings.MAX_PROCESSES)) {
      System.out.println("--workers: " + workers + " is not allowed; 1 to " + WorkerSettings.MAX_PROCESSES
          + " worker JVMs (they all run on this machine)");
      return 2;
    }
    Signals.install(System.out);
    // The flags win over the environment, as -D properties do (ServerSettings reads properties first).
    if (serverAddress != null) {
      System.setProperty("temporal.address", serverAddress);
    }
    if (namespace != null) {
      System.setProperty("temporal.namespace", namespace);
    }
    Optional<UserCode> code;
    try {
      code = userCode();
    } catch (IllegalArgumentException e) {
      System.out.println(e.getMessage());
      return 2;
    }
    RunOptions options = new RunOptions(callerRelative(scenario), Optional.ofNullable(server),
        Optional.ofNullable(workers), out, progressEvery, inject == null ? Map.of() : inject, code);
    boolean capacityOptions = slos != null || sweeps != null || start != null;
    if (!findCapacity && capacityOptions) {
      System.out.println("--slo, --sweep and --start need --find-capacity");
      return 2;
    }
    if (findCapacity && (baseline != null || compare != null)) {
      System.out.println("--find-capacity cannot be combined with --compare or --baseline");
      return 2;
    }
    if (findCapacity) {
      try {
        return new CapacityRunner(System.out).run(new CapacityRunner.Request(options,
            slos == null ? List.of() : slos, sweeps == null ? List.of() : sweeps, start, factor, maxSteps,
            resolution, maxRefinements, stepDuration));
      } catch (IllegalArgumentException e) {
        System.out.println(e.getMessage());
        return 2;
      }
    }
    if (drivers != null) {
      if (baseline != null || compare != null || findCapacity) {
        System.out.println("--drivers cannot be combined with --compare, --baseline or --find-capacity: a distributed run is one run");
        return 2;
      }
      try {
        DistributedRunner.Request request = new DistributedRunner.Request(options,
            DistributedRunner.Request.parseDrivers(drivers), Optional.ofNullable(segments),
            driverQueue != null ? driverQueue : DistributedRunner.defaultQueue(), driverHeartbeatTimeout,
            Optional.ofNullable(workerQueue));
        return new DistributedRunner(System.out).run(request).exitCode();
      } catch (IllegalArgumentException e) {
        System.out.println(e.getMessage());
        return 2;
      }
    }
    if (segments != null || driverQueue != null || workerQueue != null) {
      System.out.println("--segments, --driver-queue and --worker-queue need --drivers n|external");
      return 2;
    }
    if (baseline != null && compare != null) {
      System.out.println("--baseline and --compare cannot be combined: an A/B run compares builds under the "
          + "scenario's own runtime setting");
      return 2;
    }
    if (baseline != null) {
      try {
        return new BaselineRunner(System.out).run(
            new BaselineRunner.Request(options, baseline, baselineLabel, baselineCommit, rounds));
      } catch (IllegalArgumentException e) {
        System.out.println(e.getMessage());
        return 2;
      }
    }
    if (compare == null) {
      return new LoadRunner(System.out).run(options).exitCode();
    }
    // (A signal during a comparison ends the current run as interrupted and skips the rest.)
    List<RuntimeMode> settings = new ArrayList<>();
    for (String id : compare) {
      if (id.trim().equals("all")) {
        settings.addAll(List.of(RuntimeMode.FIXED, RuntimeMode.SDK_RESOURCE_BASED, RuntimeMode.SDK_POLLER_AUTOSCALING,
            RuntimeMode.ADAPTIVE));
        continue;
      }
      Optional<RuntimeMode> mode = RuntimeMode.of(id.trim());
      if (mode.isEmpty()) {
        System.out.println("--compare: unknown runtime setting \"" + id + "\"; known: all, "
            + String.join(", ", Arrays.stream(RuntimeMode.values()).map(RuntimeMode::id).toList()));
        return 2;
      }
      settings.add(mode.get());
    }
    try {
      return new RuntimeComparisonRunner(System.out)
          .run(new RuntimeComparisonRunner.Comparison(options, settings, rounds, RuntimeMode.ADAPTIVE));
    } catch (IllegalArgumentException e) {
      System.out.println(e.getMessage());
      return 2;
    }
  }
}
