package dev.loadharness.scenarios.server;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** One workflow calling one activity: the smallest real round trip a server must carry. */
@WorkflowInterface
public interface EchoWorkflow {
  @WorkflowMethod
  String echo(String text);

  @ActivityInterface
  interface EchoActivities {
    String upper(String text);
  }

  final class Impl implements EchoWorkflow {
    private final EchoActivities activities =
        Workflow.newActivityStub(
            EchoActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String echo(String text) {
      return "echo:" + activities.upper(text);
    }
  }

  final class ActivitiesImpl implements EchoActivities {
    @Override
    public String upper(String text) {
      return text.toUpperCase(java.util.Locale.ROOT);
    }
  }
}
