package dev.loadharness.scenarios.history;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * Small workflows whose histories are the replay fixtures. Their type names are stable contracts: the
 * committed histories under runtime-under-test/src/test/resources/histories/ were recorded from them,
 * and the runtime's tests replay those files against copies with the same type names.
 */
public final class FixtureWorkflows {

  private FixtureWorkflows() {}

  /** The activities of both workflows. */
  @ActivityInterface
  public interface FixtureActivities {
    /** Returns "Hello, name!". */
    String compose(String name);

    /** Returns size bytes of seeded text, to grow a history. */
    String blob(int index, int size);
  }

  /** Implements the activities deterministically (outputs depend only on inputs). */
  public static final class FixtureActivitiesImpl implements FixtureActivities {
    @Override
    public String compose(String name) {
      return "Hello, " + name + "!";
    }

    @Override
    public String blob(int index, int size) {
      StringBuilder s = new StringBuilder(size);
      long x = 0x9E3779B97F4A7C15L * (index + 1);
      while (s.length() < size) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        s.append((char) ('a' + (int) ((x >>> 33) % 26)));
      }
      return s.toString();
    }
  }

  /** Activity, timer, activity: a short history with each kind of command. */
  @WorkflowInterface
  public interface GreetingWorkflow {
    /** Greets twice with a timer in between. */
    @WorkflowMethod(name = "FixtureGreeting")
    String greet(String name);
  }

  /** The recorded implementation of FixtureGreeting. */
  public static final class GreetingWorkflowImpl implements GreetingWorkflow {
    private final FixtureActivities activities = Workflow.newActivityStub(FixtureActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String greet(String name) {
      String first = activities.compose(name);
      Workflow.sleep(Duration.ofMillis(50));
      return first + " " + activities.compose(name + " again");
    }
  }

  /** Many activities with large results: grows a history to a chosen size. */
  @WorkflowInterface
  public interface BulkyWorkflow {
    /** Runs count activities each returning size bytes; returns the total length. */
    @WorkflowMethod(name = "FixtureBulky")
    long run(int count, int size);
  }

  /** The recorded implementation of FixtureBulky. */
  public static final class BulkyWorkflowImpl implements BulkyWorkflow {
    private final FixtureActivities activities = Workflow.newActivityStub(FixtureActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public long run(int count, int size) {
      long total = 0;
      for (int i = 0; i < count; i++) {
        total += activities.blob(i, size).length();
      }
      return total;
    }
  }
}
