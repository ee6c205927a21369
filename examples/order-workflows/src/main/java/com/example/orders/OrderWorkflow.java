package com.example.orders;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Processes one order: reserve, charge, wait briefly for fraud screening, ship. Type name "OrderWorkflow". */
@WorkflowInterface
public interface OrderWorkflow {

  /** Runs the order to its shipment. */
  @WorkflowMethod
  OrderResult process(OrderRequest order);
}
