package dev.loadharness.scenarios.runtime;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A small workflow and activity the runtime ITs run: {@code steps} activity calls, each sleeping {@code sleepMillis}. */
public final class ItWorkflows {
  private ItWorkflows() {}

  /** The workflow type. */
  @WorkflowInterface
  public interface StepsWorkflow {
    /** Runs {@code steps} activities and returns how many ran. */
    @WorkflowMethod
    int run(int steps, long sleepMillis);
  }

  /** A workflow that runs one activity, then stays open (and cached) until signalled. */
  @WorkflowInterface
  public interface ParkedWorkflow {
    /** Runs {@code steps} activities, then waits for {@link #release()}. */
    @WorkflowMethod
    void park(int steps);

    /** Lets the workflow finish. */
    @SignalMethod
    void release();
  }

  /** Parked workflow implementation. */
  public static final class ParkedWorkflowImpl implements ParkedWorkflow {
    private final StepActivity activity = Workflow.newActivityStub(StepActivity.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    private boolean released;

    @Override
    public void park(int steps) {
      for (int i = 0; i < steps; i++) {
        activity.step(i, 0L);
      }
      Workflow.await(() -> released);
    }

    @Override
    public void release() {
      released = true;
    }
  }

  /** The activity type. */
  @ActivityInterface
  public interface StepActivity {
    /** Sleeps, then returns its index. */
    int step(int index, long sleepMillis);
  }

  /** Workflow implementation. */
  public static final class StepsWorkflowImpl implements StepsWorkflow {
    private final StepActivity activity = Workflow.newActivityStub(StepActivity.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
            .setHeartbeatTimeout(Duration.ofSeconds(10)).build());

    @Override
    public int run(int steps, long sleepMillis) {
      int done = 0;
      for (int i = 0; i < steps; i++) {
        activity.step(i, sleepMillis);
        done++;
      }
      return done;
    }
  }

  /** Activity implementation that counts starts and completions. */
  public static final class StepActivityImpl implements StepActivity {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failuresToThrow = new AtomicInteger();
    volatile CountDownLatch startedLatch = new CountDownLatch(0);

    @Override
    public int step(int index, long sleepMillis) {
      started.incrementAndGet();
      if (failuresToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("deliberate first-attempt failure (retried by the server)");
      }
      Activity.getExecutionContext().heartbeat(index);
      // Counted after the heartbeat: once a worker shuts down, the SDK answers heartbeat() with
      // ActivityWorkerShutdownException, so an activity still before its heartbeat when a drain
      // starts is (correctly) aborted rather than finished.
      startedLatch.countDown();
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      completed.incrementAndGet();
      return index;
    }
  }
}
