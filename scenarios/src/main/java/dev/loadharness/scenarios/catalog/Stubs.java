package dev.loadharness.scenarios.catalog;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Activity stubs shared by the catalog workflows. */
final class Stubs {
  /**
   * Start-to-close bounds one attempt; schedule-to-close is the run-level bar (a ScheduleToClose failure
   * fails the gate), so it is generous but finite.
   */
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofSeconds(90))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
      .build();

  private Stubs() {}

  /** A stub for the calling workflow. */
  static LoadActivities activities() {
    return Workflow.newActivityStub(LoadActivities.class, OPTIONS);
  }
}
