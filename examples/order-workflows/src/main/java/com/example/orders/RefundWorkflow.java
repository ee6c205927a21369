package com.example.orders;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Refunds an order: a second workflow type in the same jar. Type name "RefundWorkflow". */
@WorkflowInterface
public interface RefundWorkflow {

  /** Refunds {@code order}; returns the refunded amount in cents. */
  @WorkflowMethod
  long refund(OrderRequest order, String reason);
}
