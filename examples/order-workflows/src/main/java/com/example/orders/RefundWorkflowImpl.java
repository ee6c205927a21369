package com.example.orders;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The refund workflow: one charge activity run as a credit. */
public final class RefundWorkflowImpl implements RefundWorkflow {
  private final OrderActivities activities = Workflow.newActivityStub(OrderActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  @Override
  public long refund(OrderRequest order, String reason) {
    return -activities.charge(order, "refund:" + reason);
  }
}
