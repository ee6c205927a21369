package com.example.orders;

import io.temporal.activity.ActivityInterface;

/** The side effects of processing an order. */
@ActivityInterface
public interface OrderActivities {

  /** Reserves the order's items; returns the reservation id. */
  String reserve(OrderRequest order);

  /** Charges the customer for a reservation; returns the amount in cents. */
  long charge(OrderRequest order, String reservation);

  /** Ships the order; returns the tracking number. */
  String ship(OrderRequest order);
}
