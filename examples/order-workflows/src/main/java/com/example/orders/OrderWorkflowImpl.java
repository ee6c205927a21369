package com.example.orders;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The order workflow: three activities and a short durable timer between charging and shipping. */
public final class OrderWorkflowImpl implements OrderWorkflow {
  private final OrderActivities activities = Workflow.newActivityStub(OrderActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build());

  @Override
  public OrderResult process(OrderRequest order) {
    String reservation = activities.reserve(order);
    long charged = activities.charge(order, reservation);
    Workflow.sleep(Duration.ofMillis(100));
    String tracking = activities.ship(order);
    return new OrderResult(order.orderId(), reservation, charged, tracking);
  }
}
