package com.example.orders;

import dev.loadharness.runtime.catalog.WorkflowCatalog;
import java.util.List;

/**
 * What the harness's workers register from this jar: found with ServiceLoader through
 * {@code META-INF/services/dev.loadharness.runtime.catalog.WorkflowCatalog}.
 */
public final class OrderCatalog implements WorkflowCatalog {

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public List<Class<?>> workflowImplementationTypes() {
    return List.of(OrderWorkflowImpl.class, RefundWorkflowImpl.class);
  }

  @Override
  public List<Object> activityImplementations() {
    return List.of(new OrderActivitiesImpl());
  }
}
