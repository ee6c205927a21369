package dev.loadharness.jmh.coldstart;

import dev.loadharness.runtime.AdaptiveWorkerRuntime;
import dev.loadharness.runtime.config.RuntimeConfig;
import dev.loadharness.runtime.metrics.RuntimeMetrics;
import dev.loadharness.runtime.transport.TransportPool;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The worker process whose cold start {@link WorkerColdStartBenchmark} times: starts one worker per task
 * queue in the given {@link StartupMode}, then idles until killed. Each queue already has a workflow
 * task waiting, so a worker's first successful poll runs {@link ColdStartWorkflow} at once.
 *
 * <p>{@code ColdStartWorker <mode> <target> <queue,queue,...> [ca.pem]}
 */
public final class ColdStartWorker {

  private ColdStartWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: ColdStartWorker <mode> <target> <queue,queue,...> [ca.pem]");
      System.exit(2);
    }
    StartupMode mode = StartupMode.of(args[0]);
    String target = args[1];
    List<String> queues = List.of(args[2].split(","));
    Optional<Path> ca = args.length == 4 ? Optional.of(Path.of(args[3])) : Optional.empty();
    FirstTasks.expect(queues.size());
    switch (mode) {
      case SDK_PER_WORKER -> sdkPerWorker(target, queues, ca);
      case RUNTIME_PER_WORKER -> runtime(target, queues, ca, false);
      case RUNTIME_SHARED_PREWARM -> runtime(target, queues, ca, true);
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void sdkPerWorker(String target, List<String> queues, Optional<Path> ca) throws IOException {
    for (String queue : queues) {
      WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
      if (ca.isPresent()) {
        options.setSslContext(GrpcSslContexts.forClient().trustManager(ca.get().toFile()).build());
      }
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
      WorkflowClient client = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace("default").build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory.newWorker(queue).registerWorkflowImplementationTypes(ColdStartWorkflow.Impl.class);
      factory.start();
    }
  }

  /** N runtimes sharing one metrics pipeline; they differ only in transport pools and pre-warm. */
  private static void runtime(String target, List<String> queues, Optional<Path> ca, boolean shared) {
    RuntimeConfig first = config(target, queues.get(0), ca, shared);
    RuntimeMetrics metrics = new RuntimeMetrics(first.metrics(), "coldstart");
    TransportPool sharedPool = shared ? new TransportPool(metrics.sdkScope(), List.of()) : null;
    List<AdaptiveWorkerRuntime> runtimes = new ArrayList<>();
    for (String queue : queues) {
      TransportPool pool = shared ? sharedPool : new TransportPool(metrics.sdkScope(), List.of());
      AdaptiveWorkerRuntime runtime = AdaptiveWorkerRuntime.create(config(target, queue, ca, shared), pool, metrics);
      runtime.registerWorkflowImplementationTypes(ColdStartWorkflow.Impl.class);
      runtimes.add(runtime);
    }
    runtimes.forEach(AdaptiveWorkerRuntime::start);
  }

  static RuntimeConfig config(String target, String queue, Optional<Path> ca, boolean prewarm) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", target);
    env.put("TEMPORAL_NAMESPACE", "default");
    env.put("TEMPORAL_TASK_QUEUE", queue);
    env.put("TEMPORAL_METRICS_EXPORTER", "none");
    env.put("TEMPORAL_POLLER_START_JITTER_MS", "0");
    env.put("TEMPORAL_TRANSPORT_PREWARM", String.valueOf(prewarm));
    ca.ifPresent(path -> env.put("TEMPORAL_TLS_CA", path.toString()));
    return RuntimeConfig.from(env, new Properties());
  }
}
