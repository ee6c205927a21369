package dev.loadharness.jmh.coldstart;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The workflow waiting on each task queue: its first task running means its worker's first poll succeeded. */
@WorkflowInterface
public interface ColdStartWorkflow {

  @WorkflowMethod
  String run();

  /** Reports its task queue to {@link FirstTasks}; nothing else, so the measured time is start-up. */
  final class Impl implements ColdStartWorkflow {
    @Override
    public String run() {
      FirstTasks.reached(Workflow.getInfo().getTaskQueue());
      return "started";
    }
  }
}
