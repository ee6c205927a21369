package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.pipeline.Signals;
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
 * | --drivers n|external] [--rounds n]}:
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
          + "sdk-resource-based, sdk-poller-autoscaling; comma-separated, or 'all') against one server and "
          + "write comparison.md")
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
    RunOptions options = new RunOptions(scenario, Optional.ofNullable(server), Optional.ofNullable(workers), out,
        progressEvery, inject == null ? Map.of() : inject);
    if (drivers != null) {
      if (baseline != null || compare != null) {
        System.out.println("--drivers cannot be combined with --compare or --baseline: a distributed run is one run");
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
