package dev.loadharness.runtime.catalog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** A catalog found by ServiceLoader in tests. */
public final class TestCatalog implements WorkflowCatalog {

  /** A trivial workflow type. */
  @WorkflowInterface
  public interface EchoWorkflow {
    /** Returns its input. */
    @WorkflowMethod
    String echo(String input);
  }

  /** Its implementation. */
  public static final class EchoWorkflowImpl implements EchoWorkflow {
    @Override
    public String echo(String input) {
      return input;
    }
  }

  @Override
  public String name() {
    return "test-catalog";
  }

  @Override
  public List<Class<?>> workflowImplementationTypes() {
    return List.of(EchoWorkflowImpl.class);
  }

  @Override
  public List<Object> activityImplementations() {
    return List.of();
  }
}
