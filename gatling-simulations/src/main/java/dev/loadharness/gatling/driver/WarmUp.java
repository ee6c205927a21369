package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.WorkloadEntry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the spec's warm-up workflows (the mix without the kinds that need the driver's calls: round
 * trips, signals, schedules) before the measured load and waits for all of them, so fresh worker JVMs have compiled their hot
 * paths and loaded every workflow class before anything is measured. Bounded: fails after {@code limit}.
 */
public final class WarmUp {
  private WarmUp() {}

  /** Starts {@code spec.warmUpWorkflows()} workflows and waits for their results. */
  public static void run(WorkflowClient client, String taskQueue, String idPrefix, ScenarioSpec spec, Duration limit) {
    run(client, List.of(taskQueue), idPrefix, spec, limit);
  }

  /** As {@link #run(WorkflowClient, String, String, ScenarioSpec, Duration)}, round-robin over {@code taskQueues}. */
  public static void run(WorkflowClient client, List<String> taskQueues, String idPrefix, ScenarioSpec spec,
      Duration limit) {
    List<WorkloadEntry> mix = spec.mix().stream().filter(e -> e.kind() == null || !e.kind().drivenOnly()).toList();
    if (mix.isEmpty() || spec.warmUpWorkflows() == 0) {
      return;
    }
    WorkloadPicker picker = new WorkloadPicker(mix, 7L);
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (int i = 0; i < spec.warmUpWorkflows(); i++) {
      LoadDriver.Assignment a = LoadDriver.assignment(picker.pick(i), idPrefix + i, i, i);
      WorkflowStub stub = client.newUntypedWorkflowStub(a.workflowType(),
          WorkflowOptions.newBuilder().setTaskQueue(taskQueues.get(i % taskQueues.size())).setWorkflowId(a.workflowId())
              .setWorkflowRunTimeout(limit.plusMinutes(1)).build());
      stub.start(a.args());
      results.add(stub.getResultAsync(limit.toMillis(), TimeUnit.MILLISECONDS, Object.class));
    }
    try {
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(limit.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("warm-up: " + spec.warmUpWorkflows() + " workflows did not all complete within "
          + limit.toSeconds() + " s: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("warm-up interrupted", e);
    }
  }
}
